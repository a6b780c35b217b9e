package io.ferry.task;

import java.util.UUID;

/** Events fired after the transaction that caused them commits. */
final class TaskEvents {
    private TaskEvents() {
    }

    record Submitted(UUID id) {
    }

    record CancelRequested(UUID id) {
    }
}
