package io.ferry.sync;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where an upstream pushes a bundle (the downstream side of ferry downstream-server push). */
@Path("/api/v1/organizations/{org}/imports/push")
@Tag(name = "Imports")
public class PushReceiveResource {
    @Inject
    PushReceiver receiver;

    @POST
    @io.ferry.audit.Audited(value = "import.push-received", separateTransaction = true)
    @Consumes({"application/gzip", MediaType.APPLICATION_OCTET_STREAM})
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Receive a bundle (one tar.gz, streamed) and import it (a task); an upstream pushing with its client "
            + "certificate may call this for organizations that accept pushes")
    @APIResponse(responseCode = "202", description = "The import task")
    public Response push(@PathParam("org") String org, InputStream body) {
        return TaskAccepted.of(receiver.receive(org, body));
    }
}
