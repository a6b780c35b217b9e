package io.ferry.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link LimitExceeded} once more than {@code limit} bytes were read. */
final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(int n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded();
        }
    }

    static final class LimitExceeded extends IOException {
        LimitExceeded() {
            super("limit exceeded");
        }
    }
}
