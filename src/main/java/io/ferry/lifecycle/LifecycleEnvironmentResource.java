package io.ferry.lifecycle;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/lifecycle-environments")
@Tag(name = "Lifecycle environments", description = "Stages content view versions are promoted through, starting at Library")
public class LifecycleEnvironmentResource {
    @Inject
    LifecycleEnvironmentService service;

    @POST
    @io.ferry.audit.Audited("lifecycle-environment.create")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Create an environment after a prior one")
    public Response create(@PathParam("org") String org, @Valid @NotNull LifecycleDtos.CreateEnvironment request) {
        var e = service.create(org, request);
        return Response.created(URI.create("/api/v1/organizations/" + org + "/lifecycle-environments/" + e.label())).entity(e).build();
    }

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the organization's environments with the content view versions each holds")
    public List<LifecycleDtos.EnvironmentView> list(@PathParam("org") String org) {
        return service.list(org);
    }

    @GET
    @Path("/paths")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the promotion paths, each from Library to its last environment")
    public List<List<LifecycleDtos.EnvironmentRef>> paths(@PathParam("org") String org) {
        return service.paths(org);
    }

    @GET
    @Path("/{env}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show an environment and the content view versions it holds")
    public LifecycleDtos.EnvironmentView get(@PathParam("org") String org, @PathParam("env") String env) {
        return service.get(org, env);
    }

    @DELETE
    @io.ferry.audit.Audited("lifecycle-environment.delete")
    @Path("/{env}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Delete the last environment of a path")
    public Response delete(@PathParam("org") String org, @PathParam("env") String env) {
        service.delete(org, env);
        return Response.noContent().build();
    }
}
