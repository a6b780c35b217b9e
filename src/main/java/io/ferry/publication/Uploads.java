package io.ferry.publication;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bucket requests run {@code parallel} at a time; {@link #submit} blocks while that many are in flight, so whoever
 * feeds it (a database walk) never runs ahead by more than that. The first failure stops new work and is rethrown by
 * {@link #await}.
 */
final class Uploads implements AutoCloseable {
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final Semaphore slots;
    private final int parallel;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Uploads(int parallel) {
        this.parallel = Math.max(1, parallel);
        this.pool = Executors.newFixedThreadPool(this.parallel, Thread.ofPlatform().name("ferry-publish-", 0).daemon().factory());
        this.slots = new Semaphore(this.parallel);
    }

    void submit(Work work) throws InterruptedException {
        rethrow();
        slots.acquire();
        try {
            pool.execute(() -> {
                try {
                    if (failure.get() == null) {
                        work.run();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Waits for everything submitted; throws the first failure. */
    void await() throws Exception {
        slots.acquire(parallel);
        slots.release(parallel);
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
