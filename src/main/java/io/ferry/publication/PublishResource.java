package io.ferry.publication;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Publishing to a bucket carries content out of the server, so it takes the export permission. */
@Path("/api/v1/organizations/{org}/publication-targets/{target}/publications")
@Tag(name = "Publication targets")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.EXPORT_CONTENT)
public class PublishResource {
    @Inject
    PublishService service;

    @POST
    @io.ferry.audit.Audited("publication.start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a repository, or what an environment holds of a content view, to the bucket (a task)")
    public Response publish(@PathParam("org") String org, @PathParam("target") String target, @Valid @NotNull PublicationDtos.Publish req) {
        return TaskAccepted.of(service.publish(org, target, req));
    }
}
