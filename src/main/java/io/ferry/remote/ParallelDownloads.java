package io.ferry.remote;

import io.ferry.content.type.UnitDraft;
import io.ferry.task.TaskCanceledException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Downloads of one sync, {@code n} at a time: the index is read once, each missing file is handed to a worker
 * (its own {@link Downloader}: resumed, bounded, hashed), and no more than {@code 2n} files are waiting, so memory
 * stays constant whatever the size of the index. The first failure stops new downloads and is thrown; a blob
 * listed at two paths is fetched once.
 */
final class ParallelDownloads implements AutoCloseable {
    private final ExecutorService pool;
    private final Semaphore slots;
    private final ThreadLocal<Downloader> downloaders;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ParallelDownloads(int n, Supplier<Downloader> downloader) {
        this.pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ferry-sync-download");
            t.setDaemon(true);
            return t;
        });
        this.slots = new Semaphore(2 * n);
        this.downloaders = ThreadLocal.withInitial(downloader);
    }

    /** Queues the unit's file; false when the same blob is already being fetched. {@code done} runs after it is stored. */
    boolean submit(UnitDraft u, Runnable done) {
        if (!inFlight.add(u.sha256())) {
            return false;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCanceledException();
        }
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    downloaders.get().fetch(u.relativePath(), u.sha256(), u.size());
                    done.run();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                inFlight.remove(u.sha256());
                slots.release();
            }
        });
        return true;
    }

    /** Throws the first failure of a download, if any. */
    void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Waits for every queued download, then throws the first failure. */
    void finish() {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (failure.get() != null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCanceledException();
        }
        rethrow();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
