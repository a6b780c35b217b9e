package io.ferry.downstream;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Downstream servers enrolled here: approve a request, list, show, revoke. */
@Path("/api/v1/downstream-servers")
@Tag(name = "Downstream servers", description = "Servers that read and export from this one with a client certificate")
public class DownstreamResource {
    @Inject
    DownstreamService service;
    @Inject
    DownstreamViews views;

    @GET
    @RequiresPermission(Permission.MANAGE_DOWNSTREAMS)
    @Operation(summary = "List the downstream servers, their scope and certificates")
    public List<DownstreamDtos.DownstreamView> list() {
        return views.list();
    }

    @POST
    @io.ferry.audit.Audited("downstream-server.approve")
    @RequiresPermission(Permission.MANAGE_DOWNSTREAMS)
    @Operation(summary = "Approve a downstream's certificate request (or map an external CA's certificate) into a client "
            + "certificate bound to a name and scoped to organizations")
    public Response approve(DownstreamDtos.Approve request) {
        return Response.status(201).entity(service.approve(request)).build();
    }

    @GET
    @Path("/{name}")
    @RequiresPermission(Permission.MANAGE_DOWNSTREAMS)
    @Operation(summary = "Show a downstream server")
    public DownstreamDtos.DownstreamView get(@PathParam("name") String name) {
        return views.get(name);
    }

    @POST
    @io.ferry.audit.Audited("downstream-server.revoke")
    @Path("/{name}/revoke")
    @RequiresPermission(Permission.MANAGE_DOWNSTREAMS)
    @Operation(summary = "Revoke a downstream's certificates: refused from the next request on, and listed in the CRL")
    public DownstreamDtos.DownstreamView revoke(@PathParam("name") String name) {
        return service.revoke(name);
    }
}
