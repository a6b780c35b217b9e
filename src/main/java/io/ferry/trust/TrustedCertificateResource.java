package io.ferry.trust;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The certificates an organization trusts to sign the bundles it imports. */
@Path("/api/v1/organizations/{org}/trusted-certificates")
@Tag(name = "Trust", description = "This server's CA; the certificates an organization trusts to sign imported bundles")
public class TrustedCertificateResource {
    @Inject
    TrustService trust;

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the certificates the organization trusts to sign bundles")
    public List<TrustDtos.TrustedView> list(@PathParam("org") String org) {
        return trust.list(org);
    }

    @POST
    @io.ferry.audit.Audited("trusted-certificate.add")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Trust a certificate (a source server's CA) to sign bundles imported into the organization")
    public Response add(@PathParam("org") String org, TrustDtos.AddTrusted request) {
        TrustDtos.TrustedView v = trust.add(org, request);
        return Response.status(201).entity(v).build();
    }

    @DELETE
    @io.ferry.audit.Audited("trusted-certificate.remove")
    @Path("/{id}")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Stop trusting a certificate")
    public Response remove(@PathParam("org") String org, @PathParam("id") long id) {
        trust.remove(org, id);
        return Response.noContent().build();
    }
}
