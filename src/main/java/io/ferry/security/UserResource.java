package io.ferry.security;

import io.ferry.audit.Audited;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Tag(name = "Users", description = "Local user accounts")
public class UserResource {
    @Inject
    UserService service;

    @POST
    @RequiresPermission(Permission.MANAGE_USERS)
    @Audited("user.create")
    @Operation(summary = "Create a user")
    public Response create(@Valid @NotNull UserDtos.CreateUserRequest request) {
        UserDtos.UserView u = service.create(request);
        return Response.created(URI.create("/api/v1/users/" + u.id())).type(MediaType.APPLICATION_JSON).entity(u).build();
    }

    @GET
    @RequiresPermission(Permission.MANAGE_USERS)
    @Operation(summary = "List users, by user name")
    public io.ferry.common.Page<UserDtos.UserView> list(
            @jakarta.ws.rs.QueryParam("page") @jakarta.ws.rs.DefaultValue("0") @jakarta.validation.constraints.Min(0) int page,
            @jakarta.ws.rs.QueryParam("size") @jakarta.ws.rs.DefaultValue("50") @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(500) int size) {
        return service.list(page, size);
    }

    @GET
    @Path("/{user}")
    @RequiresPermission(Permission.MANAGE_USERS)
    @Operation(summary = "Show a user (by name or id)")
    public UserDtos.UserView get(@PathParam("user") String user) {
        return service.get(user);
    }

    @PUT
    @Path("/{user}")
    @RequiresPermission(Permission.MANAGE_USERS)
    @Audited("user.update")
    @Operation(summary = "Enable, disable, promote, demote a user or reset their password")
    public UserDtos.UserView update(@PathParam("user") String user, @Valid @NotNull UserDtos.UpdateUserRequest request) {
        return service.update(user, request);
    }

    @DELETE
    @Path("/{user}")
    @RequiresPermission(Permission.MANAGE_USERS)
    @Audited("user.delete")
    @Operation(summary = "Delete a user with their tokens and role assignments")
    public Response delete(@PathParam("user") String user) {
        service.delete(user);
        return Response.noContent().build();
    }
}
