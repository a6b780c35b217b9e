package io.ferry.vcsp;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only credentials for vCenter subscribed libraries, one library each. */
@Path("/api/v1/organizations/{org}/subscriber-credentials")
@Tag(name = "Content library (VCSP)")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_TRUST)
public class SubscriberCredentialResource {
    @Inject
    SubscriberCredentials credentials;

    @POST
    @io.ferry.audit.Audited("subscriber-credential.create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscriber credential for one library; its password is shown only in this answer")
    public Response create(@PathParam("org") String org, @Valid @NotNull SubscriberDtos.CreateCredential req) {
        SubscriberDtos.CredentialView v = credentials.create(org, req);
        return Response.status(201).entity(v).build();
    }

    @GET
    @Operation(summary = "List the organization's subscriber credentials (never their passwords)")
    public List<SubscriberDtos.CredentialView> list(@PathParam("org") String org) {
        return credentials.list(org);
    }

    @DELETE
    @io.ferry.audit.Audited("subscriber-credential.revoke")
    @Path("/{id}")
    @Operation(summary = "Revoke a subscriber credential: refused from the next request on; the record stays")
    public SubscriberDtos.CredentialView revoke(@PathParam("org") String org, @PathParam("id") long id) {
        return credentials.revoke(org, id);
    }
}
