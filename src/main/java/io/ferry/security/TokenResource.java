package io.ferry.security;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
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

@Path("/api/v1/tokens")
@Tag(name = "Tokens", description = "Personal API tokens of the calling user")
public class TokenResource {
    @Inject
    TokenService service;
    @Inject
    CurrentUser user;

    @POST
    @io.ferry.audit.Audited("token.create")
    @RequiresPermission(Permission.MANAGE_OWN_TOKENS)
    @Operation(summary = "Create a token for the calling user; the secret is shown only in this answer")
    public Response create(@Valid @NotNull TokenDtos.CreateTokenRequest request) {
        TokenDtos.CreatedToken created = service.create(user.id(), request);
        return Response.created(URI.create("/api/v1/tokens/" + created.id())).type(MediaType.APPLICATION_JSON)
                .entity(created).build();
    }

    @GET
    @RequiresPermission(Permission.MANAGE_OWN_TOKENS)
    @Operation(summary = "List the calling user's tokens (without secrets)")
    public List<TokenDtos.TokenView> list() {
        return service.list(user.id());
    }

    @DELETE
    @io.ferry.audit.Audited("token.revoke")
    @Path("/{id}")
    @RequiresPermission(Permission.MANAGE_OWN_TOKENS)
    @Operation(summary = "Revoke one of the calling user's tokens")
    public TokenDtos.TokenView revoke(@PathParam("id") long id) {
        return service.revoke(user.id(), id);
    }
}
