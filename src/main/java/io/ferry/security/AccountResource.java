package io.ferry.security;

import io.ferry.audit.Audited;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling user's own account. */
@Path("/api/v1/account")
@Tag(name = "Users", description = "Local user accounts")
public class AccountResource {
    @Inject
    UserService service;

    @POST
    @Path("/password")
    @RequiresPermission(Permission.MANAGE_OWN_ACCOUNT)
    @Audited("user.change-password")
    @Operation(summary = "Change the calling user's own password (the current one is required)")
    public Response changePassword(@Valid @NotNull UserDtos.ChangePasswordRequest request) {
        service.changeOwnPassword(request);
        return Response.noContent().build();
    }
}
