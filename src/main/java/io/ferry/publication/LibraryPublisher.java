package io.ferry.publication;

import io.ferry.content.RepoContentQueries;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.ContentTypes;
import io.ferry.serving.PublishedRepository;
import io.ferry.storage.BlobStore;
import io.ferry.task.TaskContext;
import io.ferry.vcsp.VcspTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes one library (a repository version at its /content path) into a bucket in the order that keeps every
 * reader on a complete state: first the files that are missing or changed, then every item.json, then items.json and
 * the index (PULP_MANIFEST), then lib.json, and only then deletes the objects that no longer belong. Objects whose
 * stored SHA-256 equals the wanted one are not uploaded again, so a rerun after a failure sends only what is left.
 */
@ApplicationScoped
public class LibraryPublisher {
    private static final Set<String> TOP_DOCUMENTS = Set.of("lib.json", "items.json");

    @Inject
    RepoContentQueries queries;
    @Inject
    ContentTypes types;
    @Inject
    BlobStore blobs;
    @Inject
    VcspTree vcsp;
    @Inject
    TreeQueries tree;
    @Inject
    PublicationConfig config;

    /** What one publication did, for the task's result. */
    static final class Counts {
        final AtomicLong uploaded = new AtomicLong();
        final AtomicLong uploadedBytes = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong documents = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();
    }

    void publish(Bucket bucket, String org, String path, PublishedRepository repo, TaskContext ctx, Counts counts) throws Exception {
        ContentType type = types.require(repo.contentType());
        Set<String> index = Set.copyOf(type.indexFiles());
        String base = bucket.target().key(path) + "/";
        long[] size = tree.size(repo);
        ctx.phase("uploading the files of " + path, size[0], size[1]);
        try (Uploads up = new Uploads(config.parallelUploads())) {
            queries.walk(repo.repositoryId(), repo.version(), u -> {
                ctx.checkCanceled();
                if (generated(repo, u.relativePath(), index)) {
                    ctx.addUnits(1);
                    return;
                }
                submit(up, () -> {
                    String key = base + u.relativePath();
                    if (u.sha256().equals(bucket.storedSha256(key, u.size()))) {
                        counts.unchanged.incrementAndGet();
                        ctx.addBytes(u.size());
                    } else {
                        bucket.putFile(key, blob(u.sha256(), u.size(), u.relativePath()), u.size(), u.sha256(), mediaType(key),
                                config.multipartThreshold(), ctx::addBytes);
                        counts.uploaded.incrementAndGet();
                        counts.uploadedBytes.addAndGet(u.size());
                    }
                    ctx.addUnits(1);
                });
            });
            up.await();
            ctx.step("writing the library documents of " + path);
            vcsp.eachItem(org, path, repo, (rel, doc) -> {
                ctx.checkCanceled();
                submit(up, () -> document(bucket, base + rel, doc, counts));
            });
            up.await();
        }
        for (String name : type.indexFiles()) {
            generatedFile(bucket, base + name, counts, out -> type.writeIndex(name,
                    consumer -> queries.walk(repo.repositoryId(), repo.version(), consumer), out));
        }
        generatedFile(bucket, base + "items.json", counts, out -> vcsp.items(org, path, repo, out));
        generatedFile(bucket, base + "lib.json", counts, out -> vcsp.lib(org, path, repo, out));
        ctx.step("removing what no longer belongs to " + path);
        removeStale(bucket, base, repo, index, counts);
    }

    /**
     * Files whose key a generated document takes, as /content and /vcsp serve them: lib.json, items.json and the index
     * at the top, and item.json in an OVF folder. They are not uploaded, so the two never take turns at one key.
     */
    private boolean generated(PublishedRepository repo, String rel, Set<String> index) throws IOException {
        if (TOP_DOCUMENTS.contains(rel) || index.contains(rel)) {
            return true;
        }
        if (!rel.equals("item.json") && !rel.endsWith("/item.json")) {
            return false;
        }
        return vcsp.ovfFolder(repo, rel.equals("item.json") ? "" : rel.substring(0, rel.length() - "/item.json".length()));
    }

    /** Deletes, a listing page at a time, the keys below the library that are neither a file of the version nor its document. */
    private void removeStale(Bucket bucket, String base, PublishedRepository repo, Set<String> index, Counts counts) {
        bucket.list(base, keys -> {
            List<String> files = new ArrayList<>();
            for (String key : keys) {
                String rel = key.substring(base.length());
                // folder markers ("dir/", made by consoles and some servers) are nobody's content: left alone
                if (!rel.endsWith("/") && !TOP_DOCUMENTS.contains(rel) && !index.contains(rel)) {
                    files.add(rel);
                }
            }
            List<String> stale = new ArrayList<>();
            Map<String, String> documents = new LinkedHashMap<>();
            for (String rel : tree.notFiles(repo, files)) {
                String item = VcspTree.itemKey(rel);
                if (item == null) {
                    stale.add(base + rel);
                } else {
                    documents.put(item, rel);
                }
            }
            tree.notItems(repo, List.copyOf(documents.keySet())).forEach(item -> stale.add(base + documents.get(item)));
            counts.deleted.addAndGet(bucket.delete(stale));
        });
    }

    private static void document(Bucket bucket, String key, byte[] doc, Counts counts) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(doc));
        if (!sha.equals(bucket.storedSha256(key, doc.length))) {
            bucket.putBytes(key, doc, sha, mediaType(key));
            counts.documents.incrementAndGet();
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** A document too large to hold (items.json of a big library, the index): written to a temporary file, hashed on the way. */
    private void generatedFile(Bucket bucket, String key, Counts counts, Writer writer) throws Exception {
        Path tmp = blobs.newTempFile("publish-");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), md)) {
                writer.write(out);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            long size = Files.size(tmp);
            if (!sha.equals(bucket.storedSha256(key, size))) {
                bucket.putFile(key, tmp, size, sha, mediaType(key), config.multipartThreshold(), n -> { });
                counts.documents.incrementAndGet();
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The unit's blob file, refused when the store no longer holds it whole (nothing of it is uploaded then). */
    private Path blob(String sha256, long size, String path) throws IOException {
        Path file = blobs.file(sha256);
        if (!Files.isRegularFile(file) || Files.size(file) != size) {
            throw new io.ferry.common.FerryException(io.ferry.common.ErrorCode.STORAGE_IO, "The blob store does not hold '" + path
                    + "' (" + sha256 + ") whole: its file is " + (Files.isRegularFile(file) ? Files.size(file) + " bytes, not " + size
                    : "missing") + ". Nothing of it was uploaded and the bucket keeps the previous publication; restore the "
                    + "blob store from a backup (or upload the file again) and publish again.");
        }
        return file;
    }

    private static void submit(Uploads up, Uploads.Work work) throws IOException {
        try {
            up.submit(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("the publication was interrupted");
        }
    }

    static String mediaType(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith(".json")) {
            return "application/json";
        }
        if (k.endsWith("/pulp_manifest") || k.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        if (k.endsWith(".iso")) {
            return "application/x-iso9660-image";
        }
        return "application/octet-stream";
    }
}
