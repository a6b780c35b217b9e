package io.ferry.tls;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.trust.Certificates;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The HTTPS listener's certificate: show it, issue it again. */
@Path("/api/v1/server-certificate")
@Tag(name = "Trust")
public class ServerCertificateResource {
    @Inject
    ServerCertificate certificate;

    @GET
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "The TLS certificate the HTTPS listener presents")
    public TlsDtos.ServerCertificateView info() {
        return view(certificate.current());
    }

    @POST
    @io.ferry.audit.Audited("server-certificate.renew")
    @Path("/renew")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Issue the TLS certificate again now (or reload the configured files); used from the next connection")
    public TlsDtos.ServerCertificateView renew() {
        return view(certificate.renew());
    }

    private TlsDtos.ServerCertificateView view(ServerCertificate.Current c) {
        X509Certificate leaf = c.chain().get(0);
        return new TlsDtos.ServerCertificateView(Certificates.subject(leaf), leaf.getIssuerX500Principal().getName(),
                Certificates.fingerprint(leaf), leaf.getNotBefore().toInstant().atOffset(ZoneOffset.UTC),
                leaf.getNotAfter().toInstant().atOffset(ZoneOffset.UTC), Certificates.alternativeNames(leaf), c.source(),
                io.ferry.trust.Pem.of(leaf));
    }
}
