package io.ferry.delta;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A verified chunk index file ({@link ChunkFormat}): {@link #open} checks it in one streaming pass (header, every
 * length, count, size, checksum); {@link #forEach} streams its entries again for the caller. Nothing is held but
 * the totals.
 */
public final class ChunkIndex {
    private final Path file;
    private final long chunks;
    private final long blobSize;
    private final String blobSha256;

    /** One chunk: where it starts in the blob, how long it is, its SHA-256 (hex). */
    public record Entry(long offset, int length, String sha256) {
    }

    /** Receives entries in blob order. */
    public interface EntryConsumer {
        void accept(Entry e) throws IOException;
    }

    private ChunkIndex(Path file, long chunks, long blobSize, String blobSha256) {
        this.file = file;
        this.chunks = chunks;
        this.blobSize = blobSize;
        this.blobSha256 = blobSha256;
    }

    public long chunks() {
        return chunks;
    }

    public long blobSize() {
        return blobSize;
    }

    public String blobSha256() {
        return blobSha256;
    }

    /** Opens and verifies {@code file}; throws {@link InvalidIndex} saying what is wrong with it. */
    public static ChunkIndex open(Path file) throws IOException {
        long fileSize = Files.size(file);
        long body = fileSize - ChunkFormat.HEADER - ChunkFormat.TRAILER;
        if (body < 0 || body % ChunkFormat.ENTRY != 0) {
            throw new InvalidIndex(file + " has " + fileSize + " bytes: not a header, whole entries and a trailer");
        }
        long entries = body / ChunkFormat.ENTRY;
        MessageDigest md = sha256();
        try (DataInputStream in = new DataInputStream(new DigestInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16), md))) {
            header(in, file);
            long sum = 0;
            byte[] digest = new byte[32];
            for (long i = 0; i < entries; i++) {
                in.readFully(digest);
                int len = in.readInt();
                if (len <= 0 || len > Chunker.MAX) {
                    throw new InvalidIndex(file + ": chunk " + i + " has length " + len + ", outside 1.." + Chunker.MAX);
                }
                sum += len;
            }
            byte[] end = new byte[8];
            in.readFully(end);
            long count = in.readLong();
            long size = in.readLong();
            byte[] blob = new byte[32];
            in.readFully(blob);
            byte[] expected = md.digest();
            byte[] actual = new byte[32];
            in.readFully(actual);
            if (!Arrays.equals(end, ChunkFormat.END) || !Arrays.equals(expected, actual)) {
                throw new InvalidIndex(file + ": its trailer or checksum does not match its contents");
            }
            if (count != entries || size != sum) {
                throw new InvalidIndex(file + ": " + count + " chunks and " + size + " bytes claimed, " + entries + " entries of "
                        + sum + " bytes held");
            }
            return new ChunkIndex(file, count, size, HexFormat.of().formatHex(blob));
        } catch (EOFException e) {
            throw new InvalidIndex(file + " ends early");
        }
    }

    /** Streams the entries in blob order. */
    public void forEach(EntryConsumer consumer) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16); DataInputStream in = new DataInputStream(raw)) {
            in.skipNBytes(ChunkFormat.HEADER);
            byte[] digest = new byte[32];
            long offset = 0;
            for (long i = 0; i < chunks; i++) {
                in.readFully(digest);
                int len = in.readInt();
                consumer.accept(new Entry(offset, len, HexFormat.of().formatHex(digest)));
                offset += len;
            }
        }
    }

    private static void header(DataInputStream in, Path file) throws IOException {
        byte[] magic = new byte[8];
        in.readFully(magic);
        if (!Arrays.equals(magic, ChunkFormat.MAGIC)) {
            throw new InvalidIndex(file + " is not a chunk index (magic)");
        }
        int version = in.readInt();
        int algorithm = in.readInt();
        int min = in.readInt();
        int avg = in.readInt();
        int max = in.readInt();
        long seed = in.readLong();
        if (version != ChunkFormat.VERSION || algorithm != ChunkFormat.ALGORITHM_FASTCDC || min != Chunker.MIN || avg != Chunker.AVG
                || max != Chunker.MAX || seed != Chunker.SEED) {
            throw new InvalidIndex(file + " was cut with other parameters (version " + version + ", algorithm " + algorithm
                    + ", min " + min + ", avg " + avg + ", max " + max + "), not " + ChunkFormat.NAME);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chunk index file that is damaged or not in this server's format. */
    public static final class InvalidIndex extends IOException {
        public InvalidIndex(String message) {
            super(message);
        }
    }
}
