package io.ferry.role;

import io.ferry.audit.Audited;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/roles")
@Tag(name = "Roles", description = "Named bundles of permissions; built-in ones are read-only")
public class RoleResource {
    @Inject
    RoleService service;

    @GET
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "List roles with their permissions")
    public List<RoleDtos.RoleView> list() {
        return service.list();
    }

    @GET
    @Path("/{role}")
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "Show a role (by name or id)")
    public RoleDtos.RoleView get(@PathParam("role") String role) {
        return service.get(role);
    }

    @POST
    @RequiresPermission(Permission.MANAGE_ROLES)
    @Audited("role.create")
    @Operation(summary = "Create a custom role, optionally as a copy of another")
    public Response create(@NotNull RoleDtos.CreateRole request) {
        RoleDtos.RoleView r = service.create(request);
        return Response.created(URI.create("/api/v1/roles/" + r.id())).type(MediaType.APPLICATION_JSON).entity(r).build();
    }

    @PUT
    @Path("/{role}")
    @RequiresPermission(Permission.MANAGE_ROLES)
    @Audited("role.update")
    @Operation(summary = "Change a custom role's name, description or permissions")
    public RoleDtos.RoleView update(@PathParam("role") String role, @NotNull RoleDtos.UpdateRole request) {
        return service.update(role, request);
    }

    @DELETE
    @Path("/{role}")
    @RequiresPermission(Permission.MANAGE_ROLES)
    @Audited("role.delete")
    @Operation(summary = "Delete a custom role that is no longer assigned")
    public Response delete(@PathParam("role") String role) {
        service.delete(role);
        return Response.noContent().build();
    }

    @POST
    @Path("/{role}/permissions")
    @RequiresPermission(Permission.MANAGE_ROLES)
    @Audited("role.add-permission")
    @Operation(summary = "Add a permission to a custom role")
    public RoleDtos.RoleView addPermission(@PathParam("role") String role, @NotNull RoleDtos.PermissionChange request) {
        return service.addPermission(role, request.permission());
    }

    @DELETE
    @Path("/{role}/permissions/{permission}")
    @RequiresPermission(Permission.MANAGE_ROLES)
    @Audited("role.remove-permission")
    @Operation(summary = "Remove a permission from a custom role")
    public RoleDtos.RoleView removePermission(@PathParam("role") String role, @PathParam("permission") String permission) {
        return service.removePermission(role, permission);
    }
}
