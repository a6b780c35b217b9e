package io.ferry.role;

import io.ferry.audit.Audited;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{user}/roles")
@Tag(name = "Users", description = "Local user accounts")
public class UserRoleResource {
    @Inject
    AssignmentService service;

    @GET
    @RequiresPermission(Permission.MANAGE_USERS)
    @Operation(summary = "List a user's role assignments")
    public List<RoleDtos.AssignmentView> list(@PathParam("user") String user) {
        return service.list(user);
    }

    @POST
    @RequiresPermission(Permission.MANAGE_USERS)
    @Audited("assignment.add")
    @Operation(summary = "Assign a role to a user in one organization (or all), optionally narrowed")
    public Response add(@PathParam("user") String user, @NotNull RoleDtos.AddAssignment request) {
        RoleDtos.AssignmentView a = service.add(user, request);
        return Response.created(URI.create("/api/v1/users/" + user + "/roles/" + a.id())).type(MediaType.APPLICATION_JSON)
                .entity(a).build();
    }

    @DELETE
    @Path("/{assignment}")
    @RequiresPermission(Permission.MANAGE_USERS)
    @Audited("assignment.remove")
    @Operation(summary = "Remove one of a user's role assignments")
    public Response remove(@PathParam("user") String user, @PathParam("assignment") long assignment) {
        service.remove(user, assignment);
        return Response.noContent().build();
    }
}
