package io.ferry.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A task as the API shows it. {@code error} is a problem (RFC 9457) when the task failed or was canceled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(UUID id, String href, String type, String state, String step, Progress progress,
                       Map<String, Object> params, List<String> locks, boolean cancelRequested, String createdBy,
                       OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                       Map<String, Object> result, Map<String, Object> error) {

    /** Units and bytes done out of their totals (totals null while unknown). */
    public record Progress(long unitsDone, Long unitsTotal, long bytesDone, Long bytesTotal) {
    }

    static TaskView of(TaskEntity t) {
        return new TaskView(t.id, "/api/v1/tasks/" + t.id, t.type, t.state, t.step,
                new Progress(t.unitsDone, t.unitsTotal, t.bytesDone, t.bytesTotal), t.params, t.locks, t.cancelRequested,
                t.createdBy, t.createdAt, t.startedAt, t.finishedAt, t.result, t.error);
    }
}
