package io.ferry.storage;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Content-addressed blob store on disk: {@code <root>/sha256/<2 hex>/<64 hex>}. A put streams into a
 * temp file under {@code <root>/tmp} while hashing, fsyncs it, checks the expected digest if given
 * (on mismatch nothing is kept) and renames it atomically into place; two writers of the same blob
 * both end with the one identical file. Memory use is one fixed buffer per put, whatever the size.
 */
public class BlobStore {
    private final StoreUsage usage = new StoreUsage();
    /** Blobs and bytes a {@link BlobBatch} stages before it makes them durable and places them on its own. */
    static final int BATCH_BLOBS = 4096;
    static final long BATCH_BYTES = 256L << 20;

    private final Path root;
    private final Path objects;
    private final Path tmp;

    private final io.ferry.delta.ChunkIndexes chunks;

    /** A store without chunk indexes. */
    public BlobStore(Path root) {
        this(root, -1);
    }

    /**
     * A store under {@code root} that also writes a chunk index ({@code chunks/}) of every blob of at least
     * {@code chunkMinBlobSize} bytes while storing it; negative: none.
     */
    public BlobStore(Path root, long chunkMinBlobSize) {
        this.root = root.toAbsolutePath().normalize();
        this.objects = this.root.resolve("sha256");
        this.tmp = this.root.resolve("tmp");
        this.chunks = chunkMinBlobSize < 0 ? null : new io.ferry.delta.ChunkIndexes(this.root.resolve("chunks"), tmp, chunkMinBlobSize);
        try {
            Files.createDirectories(objects);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot create the blob store at " + this.root + ": " + e.getMessage()
                    + ". Check that the data directory is writable.", e);
        }
    }

    /** Blobs and bytes held, for the metrics. */
    public StoreUsage usage() {
        return usage;
    }

    /** Counts the stored blobs again by walking the store (seconds for millions of blobs; run it off the request path). */
    public void countUsage() throws IOException {
        usage.walk(objects);
    }

    public Path root() {
        return root;
    }

    /** Stores the stream; {@code expectedSha256} (nullable) must match or nothing is kept. */
    public BlobRef put(InputStream in, String expectedSha256) {
        return put(in, expectedSha256, -1);
    }

    /** As {@link #put(InputStream, String)}, told the stream's length ({@code -1}: not known), which decides its chunk index. */
    public BlobRef put(InputStream in, String expectedSha256, long sizeHint) {
        if (expectedSha256 != null) {
            requireDigest(expectedSha256);
        }
        Path temp = null;
        BlobDigest md = digest(sizeHint);
        try {
            temp = Files.createTempFile(tmp, "put-", ".part");
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buf = Buffers.get();
                ByteBuffer bb = ByteBuffer.wrap(buf);
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n == 0) {
                        continue;
                    }
                    md.update(buf, 0, n);
                    bb.clear().limit(n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    size += n;
                }
                out.force(true);
            }
            String actual = md.hex();
            checkDigest(expectedSha256, actual);
            if (place(temp, actual)) {
                temp = null;
            }
            md.commit();
            md = null;
            return new BlobRef(actual, size);
        } catch (IOException e) {
            throw ioProblem("store a blob", e);
        } finally {
            deleteQuietly(temp);
            if (md != null) {
                md.abandon();
            }
        }
    }

    /** A digest for a blob about to be written ({@code expectedSize} -1 when not known), with its chunk index when due. */
    public BlobDigest digest(long expectedSize) {
        return new BlobDigest(chunks == null ? null : chunks.start(expectedSize));
    }

    /** The chunk indexes of large blobs; null when this store writes none. */
    public io.ferry.delta.ChunkIndexes chunkIndexes() {
        return chunks;
    }

    /**
     * Moves a finished file (an upload) into the store: hashes it in one pass, checks the expected
     * digest and renames it into place. The file must be on the blob store's file system. On a match the
     * file is gone afterwards (moved, or deleted when the blob was already stored); on a mismatch it stays.
     */
    public BlobRef adopt(Path file, String expectedSha256) {
        if (expectedSha256 != null) {
            requireDigest(expectedSha256);
        }
        BlobDigest md = null;
        try {
            md = digest(Files.size(file));
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                byte[] buf = Buffers.get();
                ByteBuffer bb = ByteBuffer.wrap(buf);
                while (in.read(bb) >= 0) {
                    md.update(buf, 0, bb.position());
                    bb.clear();
                }
            }
            BlobRef ref = adoptHashed(file, md.hex(), expectedSha256);
            md.commit();
            md = null;
            return ref;
        } catch (IOException e) {
            throw ioProblem("adopt a file", e);
        } finally {
            if (md != null) {
                md.abandon();
            }
        }
    }

    /**
     * As {@link #adopt}, for a durable file whose SHA-256 the caller computed while writing it (a
     * download hashed as it streamed), so it is not read a second time.
     */
    public BlobRef adoptHashed(Path file, String actualSha256, String expectedSha256) {
        try {
            long size = Files.size(file);
            checkDigest(expectedSha256, actualSha256);
            if (!place(file, actualSha256)) {
                Files.delete(file);
            }
            return new BlobRef(actualSha256, size);
        } catch (IOException e) {
            throw ioProblem("adopt a file", e);
        }
    }

    private static void checkDigest(String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw new FerryException(ErrorCode.BLOB_DIGEST_MISMATCH, "The data's SHA-256 is " + actual + " but "
                    + expected + " was expected; nothing was stored. Check the file and the checksum you gave.", "sha256");
        }
    }

    /** Renames a durable file into place unless the blob is there already; answers whether it was moved. */
    private boolean place(Path file, String sha256) throws IOException {
        Path target = path(sha256);
        if (Files.exists(target)) {
            return false;
        }
        ensureDirectory(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.getParent());
        usage.added(Files.size(target));
        return true;
    }

    /** Creates a fan-out directory if missing: one stat when it exists (createDirectories would throw and catch). */
    static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }

    /** A new empty file in the store's temp directory (same file system, so {@link #adopt} is a rename). */
    public Path newTempFile(String prefix) {
        try {
            return Files.createTempFile(tmp, prefix, ".part");
        } catch (IOException e) {
            throw ioProblem("create a temp file", e);
        }
    }

    public boolean exists(String sha256) {
        requireDigest(sha256);
        Path p = path(sha256);
        // Files.exists answers a missing file without an exception (most lookups of a sync or import miss)
        return Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p);
    }

    /** The blob's size, or -1 when it is not stored (one stat, like {@link #exists}). */
    public long sizeIfStored(String sha256) {
        requireDigest(sha256);
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(path(sha256),
                    java.nio.file.attribute.BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() : -1;
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw ioProblem("read a blob's size", e);
        }
    }

    public long size(String sha256) {
        try {
            return Files.size(existing(sha256));
        } catch (IOException e) {
            throw ioProblem("read a blob's size", e);
        }
    }

    /** The blob's file, for zero-copy sending or hard-linking. Never write to it. */
    public Path file(String sha256) {
        return existing(sha256);
    }

    public InputStream open(String sha256) {
        try {
            return Files.newInputStream(existing(sha256));
        } catch (NoSuchFileException e) {
            throw notFound(sha256);
        } catch (IOException e) {
            throw ioProblem("open a blob", e);
        }
    }

    /**
     * A batch for storing many blobs that one transaction will reference: see {@link BlobBatch}. The caller flushes it
     * before that transaction commits and closes it afterwards.
     */
    public BlobBatch batch() {
        return new BlobBatch(this, BATCH_BLOBS, BATCH_BYTES);
    }

    /**
     * Removes temp files older than {@code age} left by crashed writers, and every batch staging directory (called at
     * start, when no batch can be running); returns how many entries went.
     */
    public int cleanTemp(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        int removed = 0;
        try (var files = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    if (p.getFileName().toString().startsWith("batch-")) {
                        removed += deleteTree(p);
                    }
                } else if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw ioProblem("clean temp files", e);
        }
        return removed;
    }

    /** A blob's file: built from the digest alone, which is checked first (64 hex characters), so no name can lead elsewhere. */
    Path path(String sha256) {
        requireDigest(sha256);
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Where temporary files of the store live (same filesystem as the blobs, cleaned at start). */
    public Path tempDir() {
        return tmp;
    }

    /** The assembly file of a blob put together from parts: named by its (checked) digest only. */
    public Path assemblyFile(String sha256) {
        requireDigest(sha256);
        return tmp.resolve("import-" + sha256 + ".assembling");
    }

    private Path existing(String sha256) {
        requireDigest(sha256);
        Path p = path(sha256);
        if (!Files.isRegularFile(p)) {
            throw notFound(sha256);
        }
        return p;
    }

    private static void requireDigest(String sha256) {
        io.ferry.common.value.Sha256.of(sha256, "sha256");
    }

    private static FerryException notFound(String sha256) {
        return new FerryException(ErrorCode.BLOB_NOT_FOUND, "No blob with SHA-256 " + sha256 + " is stored here.", "sha256");
    }

    /** A write or read failure of the store as a problem: a full disk is FERRY-STORAGE-003. */
    public FerryException ioProblem(String what, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left on device") || msg.contains("Disk quota exceeded")) {
            return new FerryException(ErrorCode.STORAGE_FULL, "The blob store at " + root + " is full; could not " + what
                    + ". Free space or move FERRY_DATA_DIR to a larger disk; nothing partial was kept.", e);
        }
        return new FerryException(ErrorCode.STORAGE_IO, "Could not " + what + " in " + root + ": " + msg
                + ". Check the disk and the permissions of the data directory.", e);
    }

    private static int deleteTree(Path dir) throws IOException {
        int n = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        Files.deleteIfExists(dir);
        return n;
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync directories; the file itself is already durable
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // cleaned later by cleanTemp
            }
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
