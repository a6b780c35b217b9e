package io.ferry.task;

/** Lifecycle of a task: waiting -> running -> completed | failed | canceled (waiting may go straight to canceled). */
public enum TaskState {
    WAITING, RUNNING, COMPLETED, FAILED, CANCELED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    public static TaskState of(String db) {
        return valueOf(db.toUpperCase(java.util.Locale.ROOT));
    }
}
