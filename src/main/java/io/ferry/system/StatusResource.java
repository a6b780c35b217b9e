package io.ferry.system;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/status")
@Tag(name = "Status", description = "Server identity and health at a glance")
public class StatusResource {
    @Inject
    StatusService service;

    @GET
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "Version, server id, database and storage of this server")
    public StatusView status() {
        return service.status();
    }
}
