package io.ferry.sync;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization's upstream: what it follows on which Ferry server, a connection test, and sync. */
@Path("/api/v1/organizations/{org}/upstream")
@Tag(name = "Upstream sync", description = "Follow an organization of another Ferry server over mutual TLS")
public class UpstreamSyncResource {
    @Inject
    UpstreamSyncService service;

    @GET
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "The organization's upstream and what it follows")
    public SyncDtos.UpstreamView get(@PathParam("org") String org) {
        return service.get(org);
    }

    @PUT
    @io.ferry.audit.Audited("upstream.configure")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Set the upstream (HTTPS URL, its organization) and what to follow: the Library, an environment, content views")
    public SyncDtos.UpstreamView configure(@PathParam("org") String org, SyncDtos.Configure request) {
        return service.configure(org, request);
    }

    @DELETE
    @io.ferry.audit.Audited("upstream.delete")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Stop following the upstream (imported content stays)")
    public Response delete(@PathParam("org") String org) {
        service.delete(org);
        return Response.noContent().build();
    }

    @POST
    @Path("/test")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "TLS handshake and an authenticated call to the upstream; what is followed there")
    public SyncDtos.TestReport test(@PathParam("org") String org) {
        return service.test(org);
    }

    @POST
    @io.ferry.audit.Audited("upstream.sync")
    @Path("/sync")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Sync from the upstream now (a task): each followed scope as a signed bundle, incremental when possible")
    public Response sync(@PathParam("org") String org) {
        return TaskAccepted.of(service.sync(org));
    }
}
