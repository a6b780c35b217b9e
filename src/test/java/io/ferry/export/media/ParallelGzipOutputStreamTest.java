package io.ferry.export.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.support.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {
    static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** Random (incompressible) and text regions across block boundaries, written in odd-sized pieces. */
    static byte[] mixed(int size) {
        byte[] data = new byte[size];
        Random r = new Random(42);
        int off = 0;
        boolean text = true;
        while (off < size) {
            int n = Math.min(size - off, 300_000 + r.nextInt(1_500_000));
            if (text) {
                byte[] line = "Sep 12 10:11:12 host kernel: eth0 link up, 1000 Mbps full duplex, flow control rx/tx\n".getBytes();
                for (int i = 0; i < n; i++) {
                    data[off + i] = line[(i + r.nextInt(2)) % line.length];
                }
            } else {
                byte[] rnd = new byte[n];
                r.nextBytes(rnd);
                System.arraycopy(rnd, 0, data, off, n);
            }
            off += n;
            text = !text;
        }
        return data;
    }

    static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new ParallelGzipOutputStream(bytes, level, POOL, 2)) {
            Random r = new Random(7);
            for (int off = 0; off < data.length;) {
                int n = Math.min(data.length - off, 1 + r.nextInt(200_000));
                gz.write(data, off, n);
                off += n;
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void everyLevelRoundTripsThroughTheJdkAndGnuGzip() throws Exception {
        byte[] data = mixed(9_000_000);
        for (int level : new int[] {0, 1, 6, 9}) {
            byte[] gz = gzip(data, level);
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
                assertArrayEquals(data, in.readAllBytes(), "level " + level);
            }
            Path f = tmp.resolve("x" + level + ".gz");
            Files.write(f, gz);
            Tools.ok(tmp, "gzip", "-t", f.toString());
            if (level == 0) {
                assertTrue(gz.length > data.length, "level 0 stores everything");
            } else {
                assertTrue(gz.length < data.length * 0.75, "text regions compress at level " + level + ": " + gz.length);
            }
        }
    }

    @Test
    void incompressibleDataIsStoredNotDeflated() throws Exception {
        byte[] data = new byte[5_000_000];
        new Random(1).nextBytes(data);
        byte[] gz = gzip(data, 9);
        // stored framing is 5 bytes per 64 KiB block; deflate of random data would also be slightly larger
        // than the input but the probe must have kept it to a plain copy
        long framing = 18 + 5L * (data.length / 65535 + 2 * (data.length / ParallelGzipOutputStream.BLOCK + 1)) + 5;
        assertTrue(gz.length <= data.length + framing, "stored: " + gz.length + " vs " + data.length);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void emptyStreamIsValidGzip() throws Exception {
        byte[] gz = gzip(new byte[0], 6);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertArrayEquals(new byte[0], in.readAllBytes());
        }
    }
}
