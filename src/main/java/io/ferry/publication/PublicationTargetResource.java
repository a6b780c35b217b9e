package io.ferry.publication;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** S3-compatible buckets an organization publishes to; their credentials go in and never come out. */
@Path("/api/v1/organizations/{org}/publication-targets")
@Tag(name = "Publication targets", description = "S3-compatible buckets that receive published repositories")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_TRUST)
public class PublicationTargetResource {
    @Inject
    PublicationTargets targets;

    @POST
    @io.ferry.audit.Audited("publication-target.create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a publication target; the bucket is checked with the credentials first")
    public Response create(@PathParam("org") String org, @Valid @NotNull PublicationDtos.CreateTarget req) {
        return Response.status(201).entity(targets.create(org, req)).build();
    }

    @GET
    @Operation(summary = "List the organization's publication targets (never their credentials)")
    public List<PublicationDtos.TargetView> list(@PathParam("org") String org) {
        return targets.list(org);
    }

    @GET
    @Path("/{target}")
    @Operation(summary = "Show a publication target (never its credentials)")
    public PublicationDtos.TargetView get(@PathParam("org") String org, @PathParam("target") String target) {
        return targets.get(org, target);
    }

    @DELETE
    @io.ferry.audit.Audited("publication-target.delete")
    @Path("/{target}")
    @Operation(summary = "Delete a publication target; what it published stays in the bucket")
    public PublicationDtos.TargetView delete(@PathParam("org") String org, @PathParam("target") String target) {
        return targets.delete(org, target);
    }
}
