package io.ferry.remote;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.storage.BlobRef;
import io.ferry.storage.BlobStore;
import io.ferry.task.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * Fetches one file of a remote into the blob store: streamed to a temp file, resumed with a Range
 * request after a broken transfer (up to the configured attempts), never more bytes than the manifest
 * announced, hashed as it streams (across resumed attempts) and checked against the manifest's SHA-256
 * before it joins the sync's {@link io.ferry.storage.BlobBatch} (durable and placed with the batch, before the
 * sync's transaction); the file is never read back.
 */
final class Downloader {
    private static final Logger LOG = Logger.getLogger(Downloader.class);

    private final RemoteClient client;
    private final io.ferry.storage.BlobBatch blobs;
    private final int attempts;
    private final TaskContext ctx;
    /** Bytes of the current file already reported as progress (a resumed transfer does not count them twice). */
    private long counted;
    /** SHA-256 of the current file's bytes so far, kept across resumed attempts so the file is never re-read. */
    private io.ferry.storage.BlobDigest digest;
    private long digested;

    Downloader(RemoteClient client, io.ferry.storage.BlobBatch blobs, int attempts, TaskContext ctx) {
        this.client = client;
        this.blobs = blobs;
        this.attempts = attempts;
        this.ctx = ctx;
    }

    BlobRef fetch(String relativePath, String sha256, long size) throws InterruptedException {
        URI uri = client.resolve(relativePath);
        if (size <= io.ferry.storage.Buffers.SIZE) {
            return fetchSmall(uri, relativePath, sha256, (int) size);
        }
        Path part = blobs.newFile();
        try {
            counted = 0;
            digest = blobs.digest(size);
            digested = 0;
            for (int attempt = 1; ; attempt++) {
                try {
                    transfer(uri, part, size, relativePath);
                    break;
                } catch (IOException e) {
                    giveUpUnlessRetryable(e, attempt, relativePath, uri);
                    LOG.infof("Download of %s broke after %d bytes (%s); resuming, attempt %d of %d", uri, Files.size(part),
                            e.getMessage(), attempt + 1, attempts);
                    Thread.sleep(250L * attempt);
                }
            }
            try {
                BlobRef ref = blobs.adoptHashed(part, digest.hex(), sha256);
                digest.commit();
                return ref;
            } catch (FerryException e) {
                if (e.errorCode() == ErrorCode.BLOB_DIGEST_MISMATCH) {
                    throw mismatch(relativePath, "its SHA-256 is not the " + sha256 + " the manifest lists");
                }
                throw e;
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Could not keep the download of '" + relativePath + "': " + e.getMessage(), e);
        } finally {
            if (digest != null) {
                digest.abandon(); // nothing after a commit (the index is in place); the partial index otherwise
            }
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // cleaned with the store's temp files
            }
        }
    }

    /**
     * A file that fits the per-thread buffer: fetched into memory (a broken transfer is fetched again whole, as cheap as a
     * Range request at this size), hashed, and written once under its name in the batch.
     */
    private BlobRef fetchSmall(URI uri, String relativePath, String sha256, int size) throws InterruptedException {
        byte[] buf = io.ferry.storage.Buffers.get();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<InputStream> res = client.get(uri, 0);
                int n;
                try (InputStream in = res.body()) {
                    n = in.readNBytes(buf, 0, size);
                    if (n == size && in.read() >= 0) {
                        throw mismatch(relativePath, "the remote sent more than the " + size + " bytes the manifest lists");
                    }
                }
                if (n < size) {
                    throw new IOException("the transfer ended at byte " + n + " of " + size);
                }
                java.security.MessageDigest md = BlobStore.sha256();
                md.update(buf, 0, n);
                if (!java.util.HexFormat.of().formatHex(md.digest()).equals(sha256)) {
                    throw mismatch(relativePath, "its SHA-256 is not the " + sha256 + " the manifest lists");
                }
                ctx.addBytes(n);
                ctx.checkCanceled();
                return blobs.putVerified(sha256, buf, n);
            } catch (IOException e) {
                giveUpUnlessRetryable(e, attempt, relativePath, uri);
                LOG.infof("Download of %s broke (%s); fetching it again, attempt %d of %d", uri, e.getMessage(), attempt + 1, attempts);
                Thread.sleep(250L * attempt);
            }
        }
    }

    /** After a failed attempt: throws when it cannot be retried (a 4xx answer) or the attempts are used up. */
    private void giveUpUnlessRetryable(IOException e, int attempt, String relativePath, URI uri) {
        boolean retry = !(e instanceof RemoteClient.HttpStatusException h) || h.retryable();
        if (!retry || attempt >= attempts) {
            throw new FerryException(ErrorCode.REMOTE_UNREACHABLE, "Could not download '" + relativePath + "' from " + uri
                    + " after " + attempt + " attempt(s): " + e.getMessage() + ". The repository is unchanged; "
                    + "sync again when the remote is reachable.", "remote.url");
        }
    }

    /** One attempt: continues the part file from its length. */
    private void transfer(URI uri, Path part, long size, String relativePath) throws IOException, InterruptedException {
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
            if (out.size() != digested) {
                out.truncate(digested); // a write that failed half-way: go on from the last hashed byte
            }
            long offset = digested;
            if (offset == size) {
                return;
            }
            HttpResponse<InputStream> res = client.get(uri, offset);
            if (res.statusCode() == 200 && offset > 0) {
                out.truncate(0);
                offset = 0;
                digest.abandon();
                digest = blobs.digest(size);
                digested = 0;
            }
            try (InputStream in = res.body()) {
                byte[] buf = io.ferry.storage.Buffers.get();
                long pos = offset;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (pos + n > size) {
                        throw mismatch(relativePath, "the remote sent more than the " + size + " bytes the manifest lists");
                    }
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        pos += out.write(bb, pos);
                    }
                    digest.update(buf, 0, n);
                    digested = pos;
                    if (pos > counted) {
                        ctx.addBytes(pos - counted);
                        counted = pos;
                    }
                    ctx.checkCanceled();
                }
                if (pos < size) {
                    throw new IOException("the transfer ended at byte " + pos + " of " + size);
                }
            }
        }
    }

    static FerryException mismatch(String relativePath, String what) {
        return new FerryException(ErrorCode.REMOTE_CHECKSUM_MISMATCH, "'" + relativePath + "' from the remote is not what its "
                + "manifest lists: " + what + ". Nothing was changed; fix the remote or its manifest.", "remote.url");
    }
}
