package io.ferry.task;

import io.ferry.common.Page;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tasks")
@Tag(name = "Tasks", description = "Long operations: state, progress, result, cancelation")
public class TaskResource {
    @Inject
    TaskService service;
    @Inject
    io.ferry.security.Visibility visibility;

    /** A task of another user is, for a caller who may see only their own, not there. */
    private TaskView visible(TaskView t) {
        String owner = visibility.taskOwner();
        if (owner != null && !owner.equals(t.createdBy())) {
            throw new io.ferry.common.FerryException(io.ferry.common.ErrorCode.TASK_NOT_FOUND, "No task " + t.id()
                    + ". ferry task list shows yours.", "id");
        }
        return t;
    }

    @GET
    @RequiresPermission(Permission.VIEW_TASKS)
    @Operation(summary = "List tasks, newest first")
    public Page<TaskView> list(@QueryParam("state") String state, @QueryParam("type") String type,
                               @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                               @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(state, type, visibility.taskOwner(), page, size);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.VIEW_TASKS)
    @Operation(summary = "Show one task with its progress and result or error")
    public TaskView get(@PathParam("id") UUID id) {
        return visible(service.get(id));
    }

    @POST
    @io.ferry.audit.Audited("task.cancel")
    @Path("/{id}/cancel")
    @RequiresPermission(Permission.CANCEL_TASKS)
    @Operation(summary = "Cancel a waiting task, or ask a running one to stop")
    public TaskView cancel(@PathParam("id") UUID id) {
        visible(service.get(id));
        return service.cancel(id);
    }
}
