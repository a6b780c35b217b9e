package io.ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from one writer thread to whatever threads read an HTTP body. Unlike {@link java.io.PipedInputStream}
 * it does not fail when a reading thread ends (the HTTP client reads from pooled threads). A failure of the writer
 * reaches the reader as an {@link IOException}, so a broken stream is never sent as if it had ended; a reader that
 * stops ({@link InputStream#close}) makes the writer fail instead of blocking. Memory: at most 16 chunks of 64 KiB.
 */
final class StreamPipe {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private volatile IOException failure;
    private volatile boolean readerClosed;

    final OutputStream out = new OutputStream() {
        private final byte[] buf = new byte[64 * 1024];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flushChunk();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    flushChunk();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
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
            while (current == null || pos == current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    byte[] next = chunks.poll(1, TimeUnit.SECONDS);
                    if (failure != null) {
                        throw failure;
                    }
                    if (next != null) {
                        current = next;
                        pos = 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
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
        }
    };

    /** The writer failed: the reader's next read throws {@code e}. */
    void fail(IOException e) {
        failure = e;
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 1, TimeUnit.SECONDS)) {
                if (readerClosed) {
                    throw new IOException("the upload stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
