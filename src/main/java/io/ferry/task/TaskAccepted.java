package io.ferry.task;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How every endpoint that starts a long operation answers: 202, Location of the task, and the task. */
public final class TaskAccepted {
    private TaskAccepted() {
    }

    public static Response of(TaskView task) {
        return Response.accepted(task).location(URI.create(task.href())).type(MediaType.APPLICATION_JSON).build();
    }
}
