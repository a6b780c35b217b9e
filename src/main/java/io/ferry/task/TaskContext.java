package io.ferry.task;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running {@link TaskHandler} sees: its parameters, progress counters that are written to the
 * database at most every {@code ferry.tasks.progress-interval}, and cancelation (requested through
 * the API, on this node or another, or by server shutdown).
 */
public class TaskContext {
    private final UUID taskId;
    private final Map<String, Object> params;
    private final String user;
    private final TaskService service;
    private final long flushIntervalNanos;
    private final AtomicLong unitsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile Long unitsTotal;
    private volatile Long bytesTotal;
    private volatile String step;
    private volatile boolean cancelRequested;
    private volatile boolean shuttingDown;
    private volatile long lastFlush = System.nanoTime();

    TaskContext(UUID taskId, Map<String, Object> params, String user, TaskService service, long flushIntervalNanos) {
        this.taskId = taskId;
        this.params = params == null ? Map.of() : Map.copyOf(params);
        this.user = user;
        this.service = service;
        this.flushIntervalNanos = flushIntervalNanos;
    }

    public UUID taskId() {
        return taskId;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** The user who started the task. */
    public String user() {
        return user;
    }

    public void step(String name) {
        this.step = name;
        flush();
    }

    public void totals(Long units, Long bytes) {
        this.unitsTotal = units;
        this.bytesTotal = bytes;
        flush();
    }

    /**
     * Starts a step with its own byte total: bytes done count from zero again, so a task that reads its data twice
     * (hashing, then writing) never shows more bytes than there are. Units done carry on.
     */
    public void phase(String name, Long units, Long bytes) {
        this.step = name;
        this.unitsTotal = units;
        this.bytesTotal = bytes;
        bytesDone.set(0);
        flush();
    }

    public void addUnits(long n) {
        unitsDone.addAndGet(n);
        maybeFlush();
    }

    public void addBytes(long n) {
        bytesDone.addAndGet(n);
        maybeFlush();
    }

    /** Throws {@link TaskCanceledException} if the task should stop now. Call it between units of work. */
    public void checkCanceled() {
        maybeFlush();
        if (cancelRequested || shuttingDown) {
            throw new TaskCanceledException();
        }
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    void shutdown() {
        shuttingDown = true;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    private void maybeFlush() {
        if (System.nanoTime() - lastFlush >= flushIntervalNanos) {
            flush();
        }
    }

    synchronized void flush() {
        lastFlush = System.nanoTime();
        if (service.saveProgress(taskId, step, unitsDone.get(), unitsTotal, bytesDone.get(), bytesTotal)) {
            cancelRequested = true;
        }
    }
}
