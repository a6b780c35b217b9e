package io.ferry.export.media;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A single-member gzip stream compressed on several threads, the way pigz does it: input is cut into
 * 1 MiB blocks, each deflated independently with the previous 32 KiB as preset dictionary and ended by
 * a sync flush, so the pieces concatenate into one valid deflate stream that any gunzip reads.
 *
 * <p>Compressing what is already compressed wastes most of an export's time (ISO, qcow2, RPM and zip
 * payloads do not shrink). Each block is first probed: a few KiB from its middle are deflated at level 1,
 * and when that saves less than {@value #PROBE_MIN_SAVING_PERCENT}% the block is written as deflate
 * "stored" blocks (a plain copy with 5 bytes of framing per 64 KiB). A block whose compressed form comes
 * out no smaller than its input is stored too. Level 0 stores everything.
 *
 * <p>Memory is bounded: at most {@code 2 * threads} blocks are in flight. CRC-32 and the output are
 * produced in the caller's thread, in order.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    static final int BLOCK = 1 << 20;
    private static final int DICT = 32 * 1024;
    private static final int STORED_MAX = 65535;
    private static final int PROBE = 8 * 1024;
    private static final int PROBE_MIN_SAVING_PERCENT = 5;
    private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);

    private final OutputStream out;
    private final int level;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] buf = new byte[BLOCK];
    private int len;
    private byte[] previousTail;
    private long total;
    private boolean finished;

    /** A compressed or stored block, ready to be written in order. */
    private record Block(byte[] input, int length, byte[] compressed, int compressedLength) {
    }

    /**
     * @param level 0 (store everything) to 9
     * @param threads how many blocks may compress at once on {@code pool}
     */
    public ParallelGzipOutputStream(OutputStream out, int level, ExecutorService pool, int threads) throws IOException {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("gzip level " + level);
        }
        this.out = out;
        this.level = level;
        this.pool = pool;
        this.maxInFlight = Math.max(1, threads) * 2;
        // gzip header: magic, deflate, no flags, no mtime, no extra flags, OS unknown
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
        crc.update(b, off, n);
        total += n;
        while (n > 0) {
            int take = Math.min(n, BLOCK - len);
            System.arraycopy(b, off, buf, len, take);
            len += take;
            off += take;
            n -= take;
            if (len == BLOCK) {
                submit();
            }
        }
    }

    private void submit() throws IOException {
        byte[] input = buf;
        int length = len;
        byte[] dict = previousTail;
        previousTail = Arrays.copyOfRange(input, Math.max(0, length - DICT), length);
        buf = new byte[BLOCK];
        len = 0;
        if (level == 0) {
            inFlight.add(java.util.concurrent.CompletableFuture.completedFuture(new Block(input, length, null, 0)));
        } else {
            inFlight.add(pool.submit(() -> compress(input, length, dict, level)));
        }
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    static Block compress(byte[] input, int length, byte[] dict, int level) {
        if (!worthCompressing(input, length)) {
            return new Block(input, length, null, 0);
        }
        Deflater d = deflater(level);
        d.reset();
        if (dict != null) {
            d.setDictionary(dict);
        }
        d.setInput(input, 0, length);
        byte[] outBuf = new byte[length + length / 16 + 1024];
        int produced = 0;
        while (true) {
            int n = d.deflate(outBuf, produced, outBuf.length - produced, Deflater.SYNC_FLUSH);
            produced += n;
            if (produced < outBuf.length) {
                break;
            }
            if (produced >= length) {
                return new Block(input, length, null, 0);
            }
            outBuf = Arrays.copyOf(outBuf, outBuf.length * 2);
        }
        if (produced >= length) {
            return new Block(input, length, null, 0);
        }
        return new Block(null, length, outBuf, produced);
    }

    /** Deflates a sample from the middle of the block at level 1: already-compressed data barely shrinks. */
    private static boolean worthCompressing(byte[] input, int length) {
        if (length <= PROBE * 2) {
            return true;
        }
        Deflater d = deflater(1);
        d.reset();
        d.setInput(input, length / 2 - PROBE / 2, PROBE);
        d.finish();
        byte[] sample = new byte[PROBE + 256];
        int n = 0;
        while (!d.finished() && n < sample.length) {
            n += d.deflate(sample, n, sample.length - n);
        }
        return n * 100L < PROBE * (100L - PROBE_MIN_SAVING_PERCENT);
    }

    private static Deflater deflater(int level) {
        Deflater[] cache = DEFLATERS.get();
        if (cache[level] == null) {
            cache[level] = new Deflater(level, true);
        }
        return cache[level];
    }

    private void drainOne() throws IOException {
        Block b;
        try {
            b = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed", e.getCause());
        }
        if (b.compressed() != null) {
            out.write(b.compressed(), 0, b.compressedLength());
        } else {
            writeStored(b.input(), b.length());
        }
    }

    private void writeStored(byte[] data, int length) throws IOException {
        for (int off = 0; off < length; off += STORED_MAX) {
            int n = Math.min(STORED_MAX, length - off);
            out.write(new byte[] {0, (byte) n, (byte) (n >>> 8), (byte) ~n, (byte) (~n >>> 8)});
            out.write(data, off, n);
        }
    }

    /** Writes the rest, the final empty block and the gzip trailer; does not close the underlying stream. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (len > 0) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            drainOne();
        }
        // final empty stored block, then CRC-32 and length mod 2^32 (little-endian)
        out.write(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff});
        long c = crc.getValue();
        long s = total & 0xffffffffL;
        out.write(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), (byte) s, (byte) (s >>> 8),
                (byte) (s >>> 16), (byte) (s >>> 24)});
        finished = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            for (Future<Block> f : inFlight) {
                f.cancel(true);
            }
            inFlight.clear();
            out.close();
        }
    }
}
