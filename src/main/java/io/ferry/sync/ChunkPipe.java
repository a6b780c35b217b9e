package io.ferry.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from a writer thread (the export writer) to a reader on any thread (the HTTP client sending a
 * push): at most {@value #CHUNKS} chunks of {@value #CHUNK} bytes in flight, so memory stays constant. Closing the
 * input end makes the writer fail instead of blocking forever.
 */
final class ChunkPipe {
    static final int CHUNK = 256 * 1024;
    static final int CHUNKS = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean readerClosed;
    private volatile IOException writerFailed;

    final OutputStream out = new OutputStream() {
        private byte[] buf = new byte[CHUNK];
        private int n;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int k = Math.min(len, CHUNK - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
                if (n == CHUNK) {
                    flushChunk();
                }
            }
        }

        private void flushChunk() throws IOException {
            if (n > 0) {
                put(java.util.Arrays.copyOf(buf, n));
                n = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
            put(END);
        }
    };

    final InputStream in = new InputStream() {
        private byte[] current;
        private int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (current == END) {
                return -1;
            }
            while (current == null || pos == current.length) {
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
                pos = 0;
                if (current == END) {
                    if (writerFailed != null) {
                        throw writerFailed;
                    }
                    return -1;
                }
            }
            int k = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public void close() {
            readerClosed = true;
            queue.clear();
        }
    };

    /** The writer failed: the reader sees this error instead of a clean end. */
    void fail(IOException e) {
        writerFailed = e;
        queue.clear();
        queue.offer(END);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 1, TimeUnit.SECONDS)) {
                if (readerClosed) {
                    throw new IOException("the receiving side closed the connection");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
