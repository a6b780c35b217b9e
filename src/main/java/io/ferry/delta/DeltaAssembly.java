package io.ferry.delta;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Rebuilds a blob from a delta file as it streams in: every chunk, copied from a base blob held here or carried
 * literally, is checked against its SHA-256 before it is written; the chunk lengths must add up to the blob's size
 * and the file must end where the bundle says. The caller hashes what it is given and checks the whole blob's
 * SHA-256 (which catches chunks that are each valid but in the wrong order). Memory: one chunk.
 */
public final class DeltaAssembly implements AutoCloseable {
    /** The base blobs this server holds, and which of them the manifest allows for this blob. */
    public interface Bases {
        /** The file of a held base, or null when this server does not hold it. */
        Path file(String sha256);

        /** Whether the manifest names {@code base} as a base of this blob. */
        boolean listed(String base);
    }

    /** Receives the blob's bytes in order, a chunk at a time, with the chunk's checked SHA-256. */
    public interface Sink {
        void chunk(byte[] b, int off, int n, byte[] sha256) throws IOException;
    }

    private final InputStream in;
    private final long entrySize;
    private long blobSize;
    private final String what;
    private final byte[] buf = new byte[Chunker.MAX];
    private final MessageDigest md;
    private FileChannel[] bases = new FileChannel[0];
    private String[] baseShas = new String[0];
    private long consumed;

    private DeltaAssembly(InputStream in, long entrySize, long blobSize, String what) {
        this.in = in;
        this.entrySize = entrySize;
        this.blobSize = blobSize;
        this.what = what;
        try {
            this.md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the delta of {@code entrySize} bytes from {@code in} (named {@code what} in errors) and writes the blob of
     * {@code blobSize} bytes (-1: as its header says) to {@code sink}; {@code progress} gets the delta bytes read. Throws a problem naming the
     * first thing wrong; the caller discards what the sink received.
     */
    public static void assemble(InputStream in, long entrySize, long blobSize, Bases held, Sink sink, LongConsumer progress,
                                String what) throws IOException {
        try (DeltaAssembly a = new DeltaAssembly(in, entrySize, blobSize, what)) {
            a.run(held, sink, progress);
        }
    }

    private void run(Bases held, Sink sink, LongConsumer progress) throws IOException {
        ByteBuffer h = ByteBuffer.wrap(read(DeltaFormat.HEADER));
        byte[] magic = new byte[8];
        h.get(magic);
        int version = h.getInt();
        long size = h.getLong();
        int baseCount = h.getInt();
        long records = Integer.toUnsignedLong(h.getInt());
        if (!Arrays.equals(magic, DeltaFormat.MAGIC) || version != DeltaFormat.VERSION) {
            throw corrupt("it is not a Ferry delta version " + DeltaFormat.VERSION);
        }
        if (blobSize >= 0 && size != blobSize || size < 0) {
            throw corrupt("it rebuilds a blob of " + size + " bytes, the manifest says " + blobSize);
        }
        blobSize = size; // a caller without a manifest passes -1: the header says
        if (baseCount < 1 || baseCount > DeltaFormat.MAX_BASES) {
            throw corrupt("it names " + baseCount + " base blobs, outside 1.." + DeltaFormat.MAX_BASES);
        }
        if (records < 1 || records > DeltaFormat.maxRecords(blobSize)
                || DeltaFormat.HEADER + (long) DeltaFormat.BASE * baseCount + records * DeltaFormat.LITERAL_RECORD > entrySize) {
            throw new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, what + " lists " + records + " chunks; a blob of " + blobSize
                    + " bytes has at most " + DeltaFormat.maxRecords(blobSize) + " and the entry holds " + entrySize
                    + " bytes: the chunk list is oversized or forged. Nothing of it was stored and nothing was imported.", "path");
        }
        bases = new FileChannel[baseCount];
        baseShas = new String[baseCount];
        for (int i = 0; i < baseCount; i++) {
            String base = HexFormat.of().formatHex(read(DeltaFormat.BASE));
            if (i > 0 && base.compareTo(baseShas[i - 1]) <= 0) {
                throw corrupt("its base blobs are not in ascending SHA-256 order");
            }
            if (!held.listed(base)) {
                throw corrupt("it names base blob " + base + ", which the manifest does not list for it");
            }
            Path file = held.file(base);
            if (file == null) {
                throw new FerryException(ErrorCode.IMPORT_BASE_MISSING, what + " copies chunks from blob " + base
                        + ", which this server does not hold. Import the bundle's base first; nothing was imported.", "path");
            }
            baseShas[i] = base;
            bases[i] = FileChannel.open(file, StandardOpenOption.READ);
        }
        long total = 0;
        byte[] rec = new byte[DeltaFormat.COPY_RECORD];
        byte[] digest = new byte[32];
        for (long r = 0; r < records; r++) {
            readInto(rec, 0, DeltaFormat.LITERAL_RECORD);
            ByteBuffer b = ByteBuffer.wrap(rec);
            byte kind = b.get();
            b.get(digest);
            int len = b.getInt();
            if (len < 1 || len > Chunker.MAX) {
                throw corrupt("chunk " + r + " has length " + len + ", outside 1.." + Chunker.MAX);
            }
            if (total + len > blobSize) {
                throw corrupt("its chunk lengths add up to more than the blob's " + blobSize + " bytes");
            }
            if (kind == DeltaFormat.COPY) {
                readInto(rec, DeltaFormat.LITERAL_RECORD, DeltaFormat.COPY_RECORD - DeltaFormat.LITERAL_RECORD);
                int base = b.getInt();
                long offset = b.getLong();
                copy(r, base, offset, len);
            } else if (kind == DeltaFormat.LITERAL) {
                readInto(buf, 0, len);
            } else {
                throw corrupt("chunk " + r + " has kind " + kind);
            }
            md.update(buf, 0, len);
            if (!Arrays.equals(md.digest(), digest)) {
                throw new FerryException(ErrorCode.IMPORT_CHECKSUM_MISMATCH, what + ": chunk " + r + (kind == DeltaFormat.COPY
                        ? " copied from a base blob" : " carried in the bundle") + " does not hash to its SHA-256 "
                        + HexFormat.of().formatHex(digest) + ": it was damaged or altered. Nothing of it was stored and nothing "
                        + "was imported; copy the bundle again from the source.", "path");
            }
            sink.chunk(buf, 0, len, digest);
            total += len;
            progress.accept(kind == DeltaFormat.COPY ? DeltaFormat.COPY_RECORD : DeltaFormat.LITERAL_RECORD + len);
        }
        if (total != blobSize) {
            throw corrupt("its chunk lengths add up to " + total + " bytes, the blob has " + blobSize);
        }
        if (!Arrays.equals(read(DeltaFormat.TRAILER), DeltaFormat.END) || consumed != entrySize) {
            throw corrupt("it does not end with its trailer where the entry ends");
        }
    }

    private void copy(long r, int base, long offset, int len) throws IOException {
        if (base < 0 || base >= bases.length) {
            throw corrupt("chunk " + r + " names base " + base + " of " + bases.length);
        }
        FileChannel ch = bases[base];
        if (offset < 0 || offset + len > ch.size()) {
            throw corrupt("chunk " + r + " lies outside base blob " + baseShas[base]);
        }
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        long pos = offset;
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos);
            if (n < 0) {
                throw corrupt("base blob " + baseShas[base] + " ended early");
            }
            pos += n;
        }
    }

    private byte[] read(int n) throws IOException {
        byte[] b = new byte[n];
        readInto(b, 0, n);
        return b;
    }

    private void readInto(byte[] b, int off, int n) throws IOException {
        if (consumed + n > entrySize) {
            throw corrupt("it needs more bytes than the entry's " + entrySize);
        }
        try {
            int done = 0;
            while (done < n) {
                int k = in.read(b, off + done, n - done);
                if (k < 0) {
                    throw new EOFException();
                }
                done += k;
            }
        } catch (IOException e) { // the end of the stream, or a broken one (a truncated archive, a connection gone)
            throw new FerryException(ErrorCode.IMPORT_CORRUPT, what + " ends early" + (e instanceof EOFException ? ""
                    : " (" + e.getMessage() + ")") + ": the volume is truncated. Copy it again from the source.", "path");
        }
        consumed += n;
    }

    private FerryException corrupt(String why) {
        return new FerryException(ErrorCode.IMPORT_CORRUPT, what + " is not a valid delta: " + why + ". Nothing of it was stored "
                + "and nothing was imported; copy the bundle again from the source.", "path");
    }

    @Override
    public void close() {
        for (FileChannel ch : bases) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }
}
