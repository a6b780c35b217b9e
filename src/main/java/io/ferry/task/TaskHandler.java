package io.ferry.task;

import java.util.Map;

/**
 * One kind of long operation. Implementations are CDI beans found by {@link #type()}; they receive
 * ids and options in {@code params} (never entities), report progress and check for cancelation
 * through the {@link TaskContext}, and return a small JSON-able result.
 */
public interface TaskHandler {
    String type();

    Map<String, Object> run(TaskContext context) throws Exception;
}
