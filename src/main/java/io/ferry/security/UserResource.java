package io.ferry.security;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Tag(name = "Users", description = "Local user accounts")
public class UserResource {
    @Inject
    UserService service;

    @POST
    @RequiresPermission(Permission.MANAGE_USERS)
    @Operation(summary = "Create a user")
    public Response create(@Valid @NotNull UserDtos.CreateUserRequest request) {
        UserDtos.UserView u = service.create(request);
        return Response.created(URI.create("/api/v1/users/" + u.id())).type(MediaType.APPLICATION_JSON).entity(u).build();
    }

    @GET
    @RequiresPermission(Permission.MANAGE_USERS)
    @Operation(summary = "List users")
    public List<UserDtos.UserView> list() {
        return service.list();
    }
}
