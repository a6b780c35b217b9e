package io.ferry.support;

import io.ferry.security.CurrentUser;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import io.ferry.task.TaskService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Test-only endpoints (hidden from OpenAPI): start test tasks the way real features will, and a deliberate bug. */
@Path("/api/v1/test-support")
public class TestSupportResource {
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser user;

    /** Body: {"params": {...}, "locks": ["..."]}. */
    public record Start(Map<String, Object> params, List<String> locks) {
    }

    @POST
    @Path("/tasks/{type}")
    @RequiresPermission(Permission.VIEW_TASKS)
    @Operation(hidden = true)
    public Response start(@PathParam("type") String type, Start body) {
        Start b = body == null ? new Start(Map.of(), List.of()) : body;
        return TaskAccepted.of(tasks.submit(type, b.params(), b.locks(), user.username()));
    }

    @GET
    @Path("/boom")
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(hidden = true)
    public String boom() {
        throw new IllegalStateException("deliberate failure with a secret-looking detail");
    }

    @GET
    @Path("/undeclared")
    @Operation(hidden = true)
    public String undeclared() {
        return "should never be reached";
    }
}
