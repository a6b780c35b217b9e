package io.ferry.audit;

import io.ferry.task.TaskView;
import jakarta.ws.rs.core.Response;

/** What a successful call's answer adds to its record: the task it started, or the resource it created. */
final class AuditDetails {
    private AuditDetails() {
    }

    static String of(Object answer) {
        if (answer instanceof Response r) {
            if (r.getEntity() instanceof TaskView t) {
                return "task " + t.id();
            }
            return r.getLocation() == null ? null : "created " + r.getLocation().getPath();
        }
        if (answer instanceof TaskView t) {
            return "task " + t.id();
        }
        return null;
    }
}
