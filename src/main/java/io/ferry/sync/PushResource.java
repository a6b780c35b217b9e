package io.ferry.sync;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The upstream side of a push: send content to an enrolled downstream that cannot connect here. */
@Path("/api/v1/downstream-servers/{name}/push")
@Tag(name = "Downstream servers")
public class PushResource {
    @Inject
    PushService service;

    @POST
    @io.ferry.audit.Audited(value = "downstream-server.push", separateTransaction = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Push a content view version or the Library to a downstream (a task): its signed receipt first, then "
            + "a bundle of exactly what it lacks, imported there")
    @APIResponse(responseCode = "202", description = "The push task")
    public Response push(@PathParam("name") String name, @NotNull PushDtos.PushRequest request) {
        return TaskAccepted.of(service.push(name, request));
    }
}
