package io.ferry.delta;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Content-defined chunking as bytes stream through (FastCDC with normalized chunking): a gear rolling hash over the
 * last 64 bytes picks cut points, so an insertion or deletion moves only the chunk boundaries near it and every
 * chunk after it is found again. Each chunk is named by its SHA-256, computed in the same pass.
 *
 * <p>The parameters are frozen: they are part of the index format ({@link ChunkFormat}), and two servers find the
 * same chunks in the same bytes only because they cut with the same table and masks. Bounds: no chunk is shorter
 * than {@value #MIN} bytes (but the last) or longer than {@value #MAX}; the average is near {@value #AVG}. Before
 * the average a cut needs 20 zero bits of the hash, after it 16 (normalized chunking: sizes cluster around the
 * average). Hashing of a chunk's first {@code MIN - 64} bytes is skipped, as they cannot hold a cut.
 */
public final class Chunker {
    public static final int MIN = 64 * 1024;
    public static final int AVG = 256 * 1024;
    public static final int MAX = 1024 * 1024;
    /** The gear table's seed (SplitMix64), recorded in every index: "FERRYCDC". */
    public static final long SEED = 0x4645525259434443L;
    static final long MASK_BEFORE_AVG = -1L << (64 - 20);
    static final long MASK_AFTER_AVG = -1L << (64 - 16);
    static final long[] GEAR = gear(SEED);

    /** Receives each chunk as it is cut: its offset in the blob, its length and its SHA-256 (32 bytes). */
    public interface Sink {
        void chunk(long offset, int length, byte[] sha256);
    }

    private final Sink sink;
    private final MessageDigest md;
    private long hash;
    private int len;
    private long offset;

    public Chunker(Sink sink) {
        this.sink = sink;
        try {
            this.md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds the next {@code n} bytes of the blob. */
    public void update(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            int skip = Math.min(end - i, MIN - 64 - len);
            if (skip > 0) {
                md.update(b, i, skip);
                len += skip;
                i += skip;
                continue;
            }
            int start = i;
            long h = hash;
            int l = len;
            boolean cut = false;
            // three phases with their own bounds, so the byte loop tests one mask and one limit
            int stop = start + Math.min(end - i, Math.max(0, MIN - l));
            while (i < stop) { // the 64 bytes that fill the window before the minimum
                h = (h << 1) + GEAR[b[i++] & 0xff];
            }
            l += i - start;
            if (l >= MIN && l < AVG) {
                int from = i;
                stop = i + Math.min(end - i, AVG - l);
                while (i < stop) {
                    h = (h << 1) + GEAR[b[i++] & 0xff];
                    if ((h & MASK_BEFORE_AVG) == 0) {
                        cut = true;
                        break;
                    }
                }
                l += i - from;
            }
            if (!cut && l >= AVG) {
                int from = i;
                stop = i + Math.min(end - i, MAX - l);
                while (i < stop) {
                    h = (h << 1) + GEAR[b[i++] & 0xff];
                    if ((h & MASK_AFTER_AVG) == 0) {
                        cut = true;
                        break;
                    }
                }
                l += i - from;
                cut |= l >= MAX;
            }
            md.update(b, start, i - start);
            hash = h;
            len = l;
            if (cut) {
                emit();
            }
        }
    }

    /** Ends the blob: the bytes since the last cut become its last chunk. Answers the blob's length. */
    public long finish() {
        if (len > 0) {
            emit();
        }
        return offset;
    }

    private void emit() {
        sink.chunk(offset, len, md.digest());
        offset += len;
        len = 0;
        hash = 0;
    }

    /** 256 pseudo-random 64-bit values from SplitMix64 seeded with {@code seed}: the same table on every server. */
    static long[] gear(long seed) {
        long[] t = new long[256];
        long x = seed;
        for (int i = 0; i < t.length; i++) {
            x += 0x9E3779B97F4A7C15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            t[i] = z ^ (z >>> 31);
        }
        return t;
    }
}
