package io.ferry.trust;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** CRLs of trusted CAs an organization holds, checked against every bundle signer it imports. */
@Path("/api/v1/organizations/{org}/trusted-crls")
@Tag(name = "Trust")
public class TrustedCrlResource {
    @Inject
    TrustedCrls crls;

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the CRLs the organization holds")
    public List<TrustDtos.CrlView> list(@PathParam("org") String org) {
        return crls.list(org);
    }

    @POST
    @io.ferry.audit.Audited("trusted-crl.add")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Add a trusted CA's CRL (replaces an older one of the same CA); bundles whose signer it lists are refused")
    public Response add(@PathParam("org") String org, TrustDtos.AddCrl request) {
        return Response.status(201).entity(crls.add(org, request)).build();
    }
}
