package io.ferry.publication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One publication target's bucket through the AWS SDK: objects carry their SHA-256 in the {@code x-amz-meta-sha256}
 * metadata, which is what tells an unchanged object from one to upload again. Every failure becomes a
 * {@link io.ferry.common.FerryException} that says what to do (see {@link BucketErrors}).
 */
final class Bucket implements AutoCloseable {
    static final String SHA256 = "sha256";

    private final Target target;
    private final S3Client s3;
    private final long partSize;
    private final java.util.concurrent.atomic.AtomicBoolean multiDelete = new java.util.concurrent.atomic.AtomicBoolean(true);

    private Bucket(Target target, S3Client s3, long partSize) {
        this.target = target;
        this.s3 = s3;
        this.partSize = partSize;
    }

    static Bucket open(Target t, PublicationConfig config) {
        Duration timeout = config.requestTimeout();
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(t.endpoint()))
                .region(Region.of(t.region()))
                .forcePathStyle(t.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(t.accessKeyId(), t.secretAccessKey())))
                // checksums only where S3 requires them: MinIO, Ceph RGW and older S3 servers refuse the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(config.parallelUploads() + 2)
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(timeout))
                .build();
        return new Bucket(t, s3, config.partSize());
    }

    Target target() {
        return target;
    }

    /** Whether the bucket exists and takes these credentials (HEAD bucket). */
    void check() {
        call("checking the bucket", () -> s3.headBucket(b -> b.bucket(target.bucket())));
    }

    /** The SHA-256 the object at {@code key} was stored with, or null when there is none (or it has another size). */
    String storedSha256(String key, long size) {
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(target.bucket()).key(key));
            return h.contentLength() != null && h.contentLength() == size ? h.metadata().get(SHA256) : null;
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                return null;
            }
            throw BucketErrors.of(target, "reading " + key, e);
        } catch (SdkException e) {
            throw BucketErrors.of(target, "reading " + key, e);
        }
    }

    /** Uploads {@code size} bytes of {@code file} as {@code key}: in one request, or in parts from {@code threshold} on. */
    void putFile(String key, Path file, long size, String sha256, String contentType, long threshold, Consumer<Long> sent) {
        if (size >= threshold && size > partSize) {
            multipart(key, file, size, sha256, contentType, sent);
            return;
        }
        put(key, sha256, contentType, () -> RequestBody.fromFile(file));
        sent.accept(size);
    }

    void putBytes(String key, byte[] bytes, String sha256, String contentType) {
        put(key, sha256, contentType, () -> RequestBody.fromBytes(bytes));
    }

    /**
     * One PUT with the SHA-256 as metadata. The bytes are protected on the way by TLS, or over plain http by the
     * SigV4 payload signature the SDK computes (S3 refuses a body whose hash differs).
     */
    private void put(String key, String sha256, String contentType, java.util.function.Supplier<RequestBody> body) {
        call("uploading " + key, () -> s3.putObject(b -> b.bucket(target.bucket()).key(key).contentType(contentType)
                .metadata(Map.of(SHA256, sha256)), body.get()));
    }

    private void multipart(String key, Path file, long size, String sha256, String contentType, Consumer<Long> sent) {
        String id = call("starting the upload of " + key, () -> s3.createMultipartUpload(b -> b.bucket(target.bucket()).key(key)
                .contentType(contentType).metadata(Map.of(SHA256, sha256)))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long off = 0; off < size; off += partSize) {
                long len = Math.min(partSize, size - off);
                int number = parts.size() + 1;
                long from = off;
                String etag = call("uploading part " + number + " of " + key, () -> s3.uploadPart(b -> b.bucket(target.bucket())
                        .key(key).uploadId(id).partNumber(number).contentLength(len), body(file, from, len, contentType))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                sent.accept(len);
            }
            call("completing the upload of " + key, () -> s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(key)
                    .uploadId(id).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(key).uploadId(id));
            } catch (SdkException ignored) {
                // the bucket's lifecycle rules remove abandoned parts; the first failure is the one to report
            }
            throw e;
        }
    }

    /** Every key below {@code prefix}, a page (up to 1,000) at a time. */
    void list(String prefix, Consumer<List<String>> page) {
        ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(target.bucket()).prefix(prefix).build();
        call("listing " + prefix, () -> {
            s3.listObjectsV2Paginator(req).forEach(p -> page.accept(p.contents().stream().map(S3Object::key).toList()));
            return null;
        });
    }

    /** Deletes up to 1,000 keys, in one request where the server takes multi-object delete; the number deleted. */
    int delete(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        if (multiDelete.get()) {
            try {
                List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(target.bucket()).delete(Delete.builder().objects(ids)
                        .quiet(true).build()));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    throw new io.ferry.common.FerryException(io.ferry.common.ErrorCode.PUBLICATION_BUCKET_FAILED, "The bucket '"
                            + target.bucket() + "' did not delete " + r.errors().get(0).key() + " (" + r.errors().get(0).code()
                            + "). The new publication is complete; publish again to remove what is left over.");
                }
                return keys.size();
            } catch (S3Exception e) {
                if (e.statusCode() != 501) {
                    throw BucketErrors.of(target, "deleting objects that no longer belong", e);
                }
                multiDelete.set(false); // a server without multi-object delete (or its checksum header): one by one
            } catch (SdkException e) {
                throw BucketErrors.of(target, "deleting objects that no longer belong", e);
            }
        }
        for (String k : keys) {
            call("deleting " + k, () -> s3.deleteObject(b -> b.bucket(target.bucket()).key(k)));
        }
        return keys.size();
    }

    private static RequestBody body(Path file, long offset, long length, String contentType) {
        return RequestBody.fromContentProvider(() -> open(file, offset, length), length, contentType);
    }

    private static InputStream open(Path file, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(offset);
            return new java.io.BufferedInputStream(new Range(Channels.newInputStream(ch), length), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        }
    }

    /** The next {@code left} bytes of a stream, then its end. */
    private static final class Range extends java.io.FilterInputStream {
        private long left;

        Range(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private <T> T call(String doing, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw BucketErrors.of(target, doing, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
