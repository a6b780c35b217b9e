package io.ferry.trust;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This server's CA and bundle-signing certificate. */
@Path("/api/v1/trust")
@Tag(name = "Trust", description = "This server's CA; the certificates an organization trusts to sign imported bundles")
public class TrustResource {
    @Inject
    TrustService trust;
    @Inject
    CaRotation rotation;

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

    @POST
    @io.ferry.audit.Audited("trust.rotate-ca")
    @Path("/ca/rotate")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Replace the CA; the previous one stays trusted for ferry.trust.ca-overlap-days")
    public TrustDtos.RotationView rotate() {
        return rotation.rotate();
    }

    @GET
    @Path("/signer")
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "The certificate that signs this server's bundles")
    public TrustDtos.CertificateView signer() {
        return trust.signer();
    }

    @POST
    @io.ferry.audit.Audited("trust.renew-signer")
    @Path("/signer/renew")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Issue a new bundle-signing certificate; with revokePrevious the old one is put on the CRL")
    public TrustDtos.CertificateView renewSigner(@QueryParam("revokePrevious") @DefaultValue("false") boolean revokePrevious) {
        return trust.renewSigner(revokePrevious);
    }
}
