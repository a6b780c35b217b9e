package io.ferry.imports.bundle;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The blobs and parts a manifest lists, as two sorted files of fixed-size records, memory-mapped and
 * binary-searched: a lookup costs a few page reads and no heap, however many millions of blobs the
 * bundle carries. Built from the manifest's {@code blobs[]}, which is in SHA-256 order (checked).
 *
 * <p>Blob record: sha256 (32), size (8), volume (4, 0 when split), parts (4), delta size (8, -1 when carried whole).
 * Part record: sha256 (32), part (4), volume (4), offset (8), size (8), part sha256 (32). Delta base record: blob
 * sha256 (32), base sha256 (32).
 */
public final class BundleIndex implements Closeable {
    static final int BLOB_RECORD = 56;
    static final int PART_RECORD = 88;
    static final int BASE_RECORD = 64;

    public record Blob(String sha256, long size, int volume, int parts, long deltaSize) {
        public boolean split() {
            return parts > 0;
        }

        /** Carried as a delta ({@code deltas/<sha256>} of {@link #deltaSize} bytes). */
        public boolean delta() {
            return deltaSize >= 0;
        }
    }

    public record Part(String sha256, int part, int volume, long offset, long size, String partSha256) {
    }

    private final Path blobFile;
    private final Path partFile;
    private final Path baseFile;
    private final Records blobs;
    private final Records parts;
    private final Records bases;

    private BundleIndex(Path blobFile, Path partFile, Path baseFile) throws IOException {
        this.blobFile = blobFile;
        this.partFile = partFile;
        this.baseFile = baseFile;
        this.blobs = new Records(blobFile, BLOB_RECORD);
        this.parts = new Records(partFile, PART_RECORD);
        this.bases = new Records(baseFile, BASE_RECORD);
    }

    /** Whether the manifest names {@code base} as a base of delta blob {@code sha256}. */
    public boolean deltaBase(String sha256, String base) {
        byte[] key = ByteBuffer.allocate(64).put(HexFormat.of().parseHex(sha256)).put(HexFormat.of().parseHex(base)).array();
        return bases.find(key, 64) >= 0;
    }

    /** Visits every (delta blob, base) pair in order. */
    public void forEachDeltaBase(java.util.function.BiConsumer<String, String> visitor) {
        byte[] b = new byte[64];
        for (long i = 0; i < bases.count; i++) {
            bases.record(i).get(0, b);
            visitor.accept(HexFormat.of().formatHex(b, 0, 32), HexFormat.of().formatHex(b, 32, 64));
        }
    }

    public long blobCount() {
        return blobs.count;
    }

    public Blob blob(String sha256) {
        byte[] key = HexFormat.of().parseHex(sha256);
        long i = blobs.find(key, 32);
        if (i < 0) {
            return null;
        }
        ByteBuffer r = blobs.record(i);
        return new Blob(sha256, r.getLong(32), r.getInt(40), r.getInt(44), r.getLong(48));
    }

    public Part part(String sha256, int part) {
        byte[] key = ByteBuffer.allocate(36).put(HexFormat.of().parseHex(sha256)).putInt(part).array();
        long i = parts.find(key, 36);
        if (i < 0) {
            return null;
        }
        ByteBuffer r = parts.record(i);
        byte[] psha = new byte[32];
        r.get(56, psha);
        return new Part(sha256, part, r.getInt(36), r.getLong(40), r.getLong(48), HexFormat.of().formatHex(psha));
    }

    /** Visits every blob in SHA-256 order. */
    public void forEachBlob(java.util.function.Consumer<Blob> visitor) {
        byte[] sha = new byte[32];
        for (long i = 0; i < blobs.count; i++) {
            ByteBuffer r = blobs.record(i);
            r.get(0, sha);
            visitor.accept(new Blob(HexFormat.of().formatHex(sha), r.getLong(32), r.getInt(40), r.getInt(44), r.getLong(48)));
        }
    }

    @Override
    public void close() throws IOException {
        blobs.close();
        parts.close();
        bases.close();
        Files.deleteIfExists(blobFile);
        Files.deleteIfExists(partFile);
        Files.deleteIfExists(baseFile);
    }

    /** Writes the index while the manifest is scanned; blobs must come in strictly increasing SHA-256 order. */
    public static final class Builder implements Closeable {
        private final Path blobFile;
        private final Path partFile;
        private final Path baseFile;
        private final DataOutputStream blobOut;
        private final DataOutputStream partOut;
        private final DataOutputStream baseOut;
        private boolean done;

        public Builder(Path dir) throws IOException {
            this.blobFile = Files.createTempFile(dir, "import-blobs-", ".idx");
            this.partFile = Files.createTempFile(dir, "import-parts-", ".idx");
            this.baseFile = Files.createTempFile(dir, "import-bases-", ".idx");
            this.blobOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(blobFile), 1 << 16));
            this.partOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partFile), 1 << 16));
            this.baseOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(baseFile), 1 << 16));
        }

        public void blob(String sha256, long size, int volume, int parts) throws IOException {
            blob(sha256, size, volume, parts, -1);
        }

        public void blob(String sha256, long size, int volume, int parts, long deltaSize) throws IOException {
            blobOut.write(HexFormat.of().parseHex(sha256));
            blobOut.writeLong(size);
            blobOut.writeInt(volume);
            blobOut.writeInt(parts);
            blobOut.writeLong(deltaSize);
        }

        /** A base of delta blob {@code sha256}; blobs in order, each blob's bases ascending (checked by the scan). */
        public void deltaBase(String sha256, String base) throws IOException {
            baseOut.write(HexFormat.of().parseHex(sha256));
            baseOut.write(HexFormat.of().parseHex(base));
        }

        public void part(String sha256, int part, int volume, long offset, long size, String partSha256) throws IOException {
            partOut.write(HexFormat.of().parseHex(sha256));
            partOut.writeInt(part);
            partOut.writeInt(volume);
            partOut.writeLong(offset);
            partOut.writeLong(size);
            partOut.write(HexFormat.of().parseHex(partSha256));
        }

        public BundleIndex build() throws IOException {
            blobOut.close();
            partOut.close();
            baseOut.close();
            done = true;
            return new BundleIndex(blobFile, partFile, baseFile);
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                blobOut.close();
                partOut.close();
                baseOut.close();
                Files.deleteIfExists(blobFile);
                Files.deleteIfExists(partFile);
                Files.deleteIfExists(baseFile);
            }
        }
    }

    /** Fixed-size records mapped in chunks of whole records (a mapping is at most 2 GiB). */
    private static final class Records implements Closeable {
        private final FileChannel ch;
        private final int size;
        private final long count;
        private final long perChunk;
        private final List<MappedByteBuffer> chunks = new ArrayList<>();

        Records(Path file, int size) throws IOException {
            this.ch = FileChannel.open(file, StandardOpenOption.READ);
            this.size = size;
            this.count = ch.size() / size;
            this.perChunk = (1L << 30) / size;
            for (long first = 0; first < count; first += perChunk) {
                long n = Math.min(perChunk, count - first);
                chunks.add(ch.map(FileChannel.MapMode.READ_ONLY, first * size, n * size));
            }
        }

        ByteBuffer record(long i) {
            MappedByteBuffer c = chunks.get((int) (i / perChunk));
            return c.slice((int) ((i % perChunk) * size), size);
        }

        long find(byte[] key, int keyLen) {
            long lo = 0;
            long hi = count - 1;
            byte[] probe = new byte[keyLen];
            while (lo <= hi) {
                long mid = (lo + hi) >>> 1;
                record(mid).get(0, probe);
                int c = Arrays.compareUnsigned(probe, key);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            chunks.clear();
            ch.close();
        }
    }
}
