package io.ferry.imports.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Volume files still arriving: a sync writes the bundle it receives into a file and imports it at the same time.
 * A tar.gz volume is read as one stream from its start, so a reader of a file {@link #begin begun} here waits at
 * the end of what has arrived instead of seeing the end of the file, until the writer {@link Arrival#finish
 * finishes} (then the real end is the end) or {@link Arrival#fail fails} (then the read fails, and the import
 * with it). Files not begun here are read as they are.
 */
public final class Arrivals {
    private static final ConcurrentHashMap<Path, Arrival> ARRIVING = new ConcurrentHashMap<>();

    private Arrivals() {
    }

    /** Marks {@code file} as arriving until the answer is closed. */
    public static Arrival begin(Path file) {
        Arrival a = new Arrival(key(file));
        if (ARRIVING.putIfAbsent(a.file, a) != null) {
            throw new IllegalStateException(file + " is already arriving");
        }
        return a;
    }

    /** A stream of {@code file} from its start, following it while it arrives. */
    static InputStream open(Path file) throws IOException {
        Arrival a = ARRIVING.get(key(file));
        InputStream in = Files.newInputStream(file);
        return a == null ? in : new Following(in, a);
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The writer's side: how much of the file is written, and whether it is whole. */
    public static final class Arrival implements AutoCloseable {
        private final Path file;
        private long written;
        private boolean finished;
        private String failure;

        private Arrival(Path file) {
            this.file = file;
        }

        /** {@code n} more bytes are written (and visible to readers of the file). */
        public synchronized void grew(long n) {
            written += n;
            notifyAll();
        }

        /** The file is whole: its end is the end of the volume. */
        public synchronized void finish() {
            finished = true;
            notifyAll();
        }

        /** No more bytes will come: readers waiting for them fail with {@code why}. */
        public synchronized void fail(String why) {
            if (!finished && failure == null) {
                failure = why;
                notifyAll();
            }
        }

        /** Waits until more than {@code pos} bytes are written or the file is whole; answers the bytes written. */
        synchronized long await(long pos) throws IOException {
            while (written <= pos && !finished && failure == null) {
                try {
                    wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the transfer");
                }
            }
            if (written <= pos && failure != null) {
                throw new IOException(failure);
            }
            return written;
        }

        @Override
        public void close() {
            fail("the transfer ended before the volume was whole");
            ARRIVING.remove(file, this);
        }
    }

    /** Reads no further than what has arrived; at that point waits for more. */
    private static final class Following extends InputStream {
        private final InputStream in;
        private final Arrival arrival;
        private long pos;

        Following(InputStream in, Arrival arrival) {
            this.in = in;
            this.arrival = arrival;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long available = arrival.await(pos);
            if (available <= pos) {
                return -1; // whole, and all of it read
            }
            int n = in.read(b, off, (int) Math.min(len, available - pos));
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
