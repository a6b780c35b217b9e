package io.ferry.delta;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Where chunk indexes live and how one is made while its blob is written: {@link #start} answers an {@link Indexing}
 * (or null when the blob is known to be below the threshold or indexing is off) that the writer feeds with the same
 * bytes it hashes; {@link Indexing#commit} names the finished index after the blob. Entries stream to a temp file,
 * so memory stays constant whatever the blob's size. An index is a derived, content-addressed file: one lost in a
 * crash only means that blob offers no delta, so it is not fsynced.
 */
public final class ChunkIndexes {
    private final Path dir;
    private final Path tmp;
    private final long minBlobSize;

    /** Indexes under {@code dir} for blobs of at least {@code minBlobSize} bytes; temp files in {@code tmp}. */
    public ChunkIndexes(Path dir, Path tmp, long minBlobSize) {
        this.dir = dir;
        this.tmp = tmp;
        this.minBlobSize = minBlobSize;
    }

    public long minBlobSize() {
        return minBlobSize;
    }

    /** The index file of blob {@code sha256} (it may not exist). */
    public Path file(String sha256) {
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256 + ".cdx");
    }

    /**
     * Makes the index of a blob stored before it would have got one (indexing off, or an older Ferry): one read of the
     * blob, committed only when its bytes still hash to {@code sha256}. Answers whether an index now exists.
     */
    public boolean backfill(Path blob, String sha256) throws IOException {
        if (Files.exists(file(sha256))) {
            return true;
        }
        Indexing ix = start(Files.size(blob));
        if (ix == null) {
            return false;
        }
        MessageDigest md = ChunkIndex.sha256();
        byte[] buf = new byte[1 << 20];
        try (java.io.InputStream in = Files.newInputStream(blob)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                ix.update(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            ix.abandon();
            throw e;
        }
        if (!HexFormat.of().formatHex(md.digest()).equals(sha256)) {
            ix.abandon();
            return false;
        }
        return ix.commit(sha256);
    }

    /** Starts indexing a blob of {@code expectedSize} bytes (-1: not known yet); null when it will be too small. */
    public Indexing start(long expectedSize) {
        return expectedSize >= 0 && expectedSize < minBlobSize ? null : new Indexing();
    }

    /** One index being made; not thread-safe (one writer per blob). */
    public final class Indexing implements Chunker.Sink {
        private final Chunker chunker = new Chunker(this);
        private Path temp;
        private DataOutputStream out;
        private MessageDigest fileMd;
        private long count;

        private long known = -1;

        public void update(byte[] b, int off, int n) {
            chunker.update(b, off, n);
        }

        /**
         * Adds a chunk whose bytes and SHA-256 the caller already checked (a blob rebuilt from a delta, which lists its
         * chunks): no cutting or hashing here. An index is made either this way or from {@link #update}, never both.
         */
        public void add(int length, byte[] sha256) {
            known = Math.max(known, 0) + length;
            chunk(known - length, length, sha256);
        }

        @Override
        public void chunk(long offset, int length, byte[] sha256) {
            try {
                if (out == null) {
                    open();
                }
                out.write(sha256);
                out.writeInt(length);
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a chunk index in " + tmp + ": " + e.getMessage(), e);
            }
        }

        private void open() throws IOException {
            temp = Files.createTempFile(tmp, "index-", ".part");
            fileMd = ChunkIndex.sha256();
            out = new DataOutputStream(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), fileMd));
            out.write(ChunkFormat.MAGIC);
            out.writeInt(ChunkFormat.VERSION);
            out.writeInt(ChunkFormat.ALGORITHM_FASTCDC);
            out.writeInt(Chunker.MIN);
            out.writeInt(Chunker.AVG);
            out.writeInt(Chunker.MAX);
            out.writeLong(Chunker.SEED);
        }

        /**
         * Ends the blob whose SHA-256 turned out to be {@code sha256}: a blob of at least the threshold gets its index
         * (an existing one is kept: same bytes, same index); a smaller one none. Answers whether an index was written.
         */
        public boolean commit(String sha256) {
            long size = known >= 0 ? known : chunker.finish();
            try {
                if (size < minBlobSize) {
                    abandon();
                    return false;
                }
                if (out == null) {
                    open(); // an empty blob (threshold 0): header and trailer only
                }
                out.write(ChunkFormat.END);
                out.writeLong(count);
                out.writeLong(size);
                out.write(HexFormat.of().parseHex(sha256));
                out.flush();
                byte[] sum = fileMd.digest();
                out.write(sum); // after the digest was taken: the checksum covers what precedes it
                out.close();
                out = null;
                Path target = file(sha256);
                Files.createDirectories(target.getParent());
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
                return true;
            } catch (IOException e) {
                abandon();
                throw new UncheckedIOException("Cannot write the chunk index of blob " + sha256 + ": " + e.getMessage(), e);
            }
        }

        /** Drops what was written (the blob was refused or too small). */
        public void abandon() {
            try {
                if (out != null) {
                    out.close();
                }
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException ignored) {
                // a temp file left over is removed with the store's temp cleanup
            } finally {
                out = null;
                temp = null;
            }
        }
    }
}
