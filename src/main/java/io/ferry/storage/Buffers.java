package io.ferry.storage;

/**
 * One copy buffer per thread for the store's streaming writes, so storing 100,000 small blobs does not allocate
 * (and zero) 100,000 large buffers. Callers use it only between two calls of their own, never across a callback.
 */
public final class Buffers {
    public static final int SIZE = 256 * 1024;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[SIZE]);

    private Buffers() {
    }

    public static byte[] get() {
        return BUFFER.get();
    }
}
