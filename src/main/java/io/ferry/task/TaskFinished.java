package io.ferry.task;

import java.util.Map;
import java.util.UUID;

/** Fired inside the transaction that ends a task, so an observer's writes (the audit trail) commit or fail with it. */
public record TaskFinished(UUID id, String type, String createdBy, String state, Map<String, Object> params,
                           Map<String, Object> result, Map<String, Object> error) {
}
