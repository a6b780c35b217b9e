package io.ferry.trust;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This server's CA certificate. */
@Path("/api/v1/trust")
@Tag(name = "Trust", description = "This server's CA; the certificates an organization trusts to sign imported bundles")
public class TrustResource {
    @Inject
    TrustService trust;

    @GET
    @Path("/ca")
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "This server's CA certificate (give it to the servers that import this server's exports)")
    public TrustDtos.CertificateView ca() {
        return trust.ca();
    }

    @GET
    @Path("/ca.pem")
    @Produces("application/x-pem-file")
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "This server's CA certificate as a PEM file")
    public String caPem() {
        return trust.caPem();
    }
}
