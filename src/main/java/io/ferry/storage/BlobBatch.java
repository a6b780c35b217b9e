package io.ferry.storage;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many blobs made durable together, for work that stores thousands of units before one transaction references
 * them (an import, a sync, a bulk upload). Blobs are written without an fsync each into a staging directory under
 * the store's {@code tmp/}; {@link #flush} (called by the owner before its transaction commits, and by the batch
 * itself every {@code maxBlobs} blobs or {@code maxBytes} bytes) makes the staged files durable with one
 * {@code syncfs} ({@link Durability}), renames them into place and makes the renames durable with a second one.
 * So a blob reaches its final path only with all its bytes on disk, and a crash before the flush leaves nothing
 * but staging files, which the store's temp cleanup removes: a committed reference never names a missing or
 * partial blob, and {@link BlobStore#exists} stays trustworthy. Memory: one map entry per staged blob, at most
 * {@code maxBlobs}. Safe for concurrent writers (parallel downloads).
 */
public final class BlobBatch implements AutoCloseable {
    private static final AtomicLong NAMES = new AtomicLong();

    private final BlobStore store;
    private final Path staging;
    private final int maxBlobs;
    private final long maxBytes;
    private final Object flushLock = new Object();
    private Map<String, Long> staged = new HashMap<>();
    /** Blobs a flush is placing right now: still "had" by the batch, but no longer in {@link #staged}. */
    private Map<String, Long> flushing = Map.of();
    private long stagedBytes;
    private long placed;

    BlobBatch(BlobStore store, int maxBlobs, long maxBytes) {
        this.store = store;
        this.maxBlobs = maxBlobs;
        this.maxBytes = maxBytes;
        try {
            this.staging = Files.createTempDirectory(store.tempDir(), "batch-");
        } catch (IOException e) {
            throw store.ioProblem("create a staging directory", e);
        }
    }

    /** True when the blob is stored or staged in this batch (so it need not be written again). */
    public boolean has(String sha256) {
        synchronized (this) {
            if (staged.containsKey(sha256) || flushing.containsKey(sha256)) {
                return true;
            }
        }
        return store.exists(sha256);
    }

    /** A digest for a blob about to be written into this batch (with its chunk index when it is large). */
    public BlobDigest digest(long expectedSize) {
        return store.digest(expectedSize);
    }

    /** A new file in the staging directory for the caller to write (e.g. a download); hand it back with {@link #adoptHashed}. */
    public Path newFile() {
        Path p = staging.resolve("w-" + NAMES.incrementAndGet());
        try {
            return Files.createFile(p);
        } catch (IOException e) {
            throw store.ioProblem("create a staging file", e);
        }
    }

    /**
     * Streams {@code in} into the batch, hashing it; {@code expectedSha256} (nullable) must match or nothing is kept. A
     * blob that fits the per-thread buffer ({@link Buffers#SIZE}) is hashed in memory first and written once, straight
     * under its name (no temp file, no rename; nothing at all when the batch or the store has it already).
     */
    public BlobRef put(InputStream in, String expectedSha256) {
        byte[] buf = Buffers.get();
        MessageDigest md = BlobStore.sha256();
        int n;
        int next;
        try {
            n = in.readNBytes(buf, 0, buf.length);
            md.update(buf, 0, n);
            next = n < buf.length ? -1 : in.read();
        } catch (IOException e) {
            throw store.ioProblem("read a blob", e);
        }
        if (next < 0) {
            String sha = HexFormat.of().formatHex(md.digest());
            checkDigest(expectedSha256, sha);
            return putVerified(sha, buf, n);
        }
        Path file = newFile(); // larger than the buffer: streamed to a staging file, then renamed to its name
        BlobDigest d = store.digest(-1); // hashed again from the start, with the chunk index when the blob is large
        try {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                d.update(buf, 0, n);
                writeFully(out, buf, n);
                buf[0] = (byte) next;
                d.update(buf, 0, 1);
                writeFully(out, buf, 1);
                int k;
                while ((k = in.read(buf)) >= 0) {
                    d.update(buf, 0, k);
                    writeFully(out, buf, k);
                }
            }
            BlobRef ref = adoptHashed(file, d.hex(), expectedSha256);
            file = null;
            d.commit();
            d = null;
            return ref;
        } catch (IOException e) {
            throw store.ioProblem("store a blob", e);
        } finally {
            if (file != null) {
                deleteQuietly(file);
            }
            if (d != null) {
                d.abandon();
            }
        }
    }

    private static void writeFully(FileChannel out, byte[] b, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
        while (bb.hasRemaining()) {
            out.write(bb);
        }
    }

    private static void checkDigest(String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw new FerryException(ErrorCode.BLOB_DIGEST_MISMATCH, "The data's SHA-256 is " + actual + " but " + expected
                    + " was expected; nothing was stored.", "sha256");
        }
    }

    /**
     * Stores {@code len} bytes of {@code data} whose SHA-256 the caller has verified to be {@code sha256}: written once,
     * under its name in the staging directory, unless the batch or the store holds it already.
     */
    public BlobRef putVerified(String sha256, byte[] data, int len) {
        if (has(sha256)) {
            return new BlobRef(sha256, len);
        }
        Path file = staging.resolve(sha256);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            writeFully(out, data, len);
        } catch (FileAlreadyExistsException e) {
            return new BlobRef(sha256, len); // a concurrent writer of the same bytes in this batch
        } catch (IOException e) {
            deleteQuietly(file);
            throw store.ioProblem("store a blob", e);
        }
        register(sha256, len);
        return new BlobRef(sha256, len);
    }

    /**
     * Takes a written (not yet durable) file of the staging directory whose SHA-256 the caller computed: on a match it
     * joins the batch (or is deleted when the blob is stored or staged already); on a mismatch it is deleted and
     * {@link ErrorCode#BLOB_DIGEST_MISMATCH} ({@code FERRY-STORAGE-001}) is thrown.
     */
    public BlobRef adoptHashed(Path file, String actualSha256, String expectedSha256) {
        try {
            long size = Files.size(file);
            if (expectedSha256 != null && !expectedSha256.equals(actualSha256)) {
                Files.deleteIfExists(file);
                throw new FerryException(ErrorCode.BLOB_DIGEST_MISMATCH, "The data's SHA-256 is " + actualSha256 + " but "
                        + expectedSha256 + " was expected; nothing was stored.", "sha256");
            }
            synchronized (this) {
                if (staged.containsKey(actualSha256) || flushing.containsKey(actualSha256) || store.exists(actualSha256)) {
                    Files.delete(file);
                    return new BlobRef(actualSha256, size);
                }
                try {
                    Files.move(file, staging.resolve(actualSha256));
                } catch (FileAlreadyExistsException e) {
                    Files.delete(file);
                }
            }
            register(actualSha256, size);
            return new BlobRef(actualSha256, size);
        } catch (IOException e) {
            throw store.ioProblem("stage a blob", e);
        }
    }

    /** Counts a blob written under its name in the staging directory; flushes when the batch is full. */
    private void register(String sha256, long size) {
        boolean flushNow;
        synchronized (this) {
            if (staged.putIfAbsent(sha256, size) != null) {
                return;
            }
            stagedBytes += size;
            flushNow = staged.size() >= maxBlobs || stagedBytes >= maxBytes;
        }
        if (flushNow) {
            flush();
        }
    }

    /**
     * Makes every staged blob durable and places it; call before committing anything that references them. Writers
     * go on staging into a fresh set meanwhile; flushes run one at a time.
     */
    public void flush() {
        synchronized (flushLock) {
            Map<String, Long> batch;
            synchronized (this) {
                if (staged.isEmpty()) {
                    return;
                }
                batch = staged;
                flushing = batch;
                staged = new HashMap<>();
                stagedBytes = 0;
            }
            try {
                place(batch);
                synchronized (this) {
                    placed += batch.size();
                }
            } catch (IOException e) {
                throw store.ioProblem("place staged blobs", e);
            } finally {
                synchronized (this) {
                    flushing = Map.of();
                }
            }
        }
    }

    private void place(Map<String, Long> batch) throws IOException {
        Durability.sync(store.root(), batch.keySet().stream().map(staging::resolve).toList());
        java.util.Set<Path> dirs = new java.util.HashSet<>();
        for (String sha : batch.keySet()) {
            Path target = store.path(sha);
            if (dirs.add(target.getParent())) {
                BlobStore.ensureDirectory(target.getParent());
            }
            if (Files.exists(target)) {
                Files.delete(staging.resolve(sha)); // another writer placed it meanwhile
            } else {
                Files.move(staging.resolve(sha), target, StandardCopyOption.ATOMIC_MOVE);
                store.usage().added(batch.get(sha));
            }
        }
        Durability.syncDirectories(store.root(), dirs);
    }

    /** Blobs this batch has placed in the store so far. */
    public synchronized long placed() {
        return placed;
    }

    /** Drops whatever was staged and not flushed (a failed or canceled run) and the staging directory. */
    @Override
    public void close() {
        synchronized (flushLock) {
            drop();
        }
    }

    private synchronized void drop() {
        try (var files = Files.list(staging)) {
            files.forEach(BlobBatch::deleteQuietly);
        } catch (IOException ignored) {
            // the store's temp cleanup removes it later
        }
        staged.clear();
        deleteQuietly(staging);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // cleaned later by the store's temp cleanup
        }
    }
}
