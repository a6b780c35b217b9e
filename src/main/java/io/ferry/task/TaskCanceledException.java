package io.ferry.task;

/** Thrown by {@link TaskContext#checkCanceled()} when a cancel was requested; ends the task as canceled. */
public class TaskCanceledException extends RuntimeException {
    public TaskCanceledException() {
        super("canceled on request", null, false, false);
    }
}
