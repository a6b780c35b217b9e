package io.ferry.trust;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public PKI material at fixed URLs, served without credentials (like any CA's distribution points): the CA
 * certificates this server accepts, and the CRLs its CAs sign.
 */
@Path("/pki")
@Tag(name = "Trust")
public class PkiResource {
    @Inject
    ServerCa ca;
    @Inject
    Revocations revocations;

    @GET
    @Path("/ca.pem")
    @Produces("application/x-pem-file")
    @Operation(summary = "This server's CA certificate, followed during a rotation overlap by the previous CA (no credentials needed)")
    public String caPem() {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : ca.acceptedCas()) {
            b.append(Pem.of(c));
        }
        return b.toString();
    }

    @GET
    @Path("/crl")
    @Produces("application/pkix-crl")
    @Operation(summary = "The current CA's certificate revocation list, DER (no credentials needed)")
    public byte[] crl() {
        return revocations.currentCrl();
    }

    @GET
    @Path("/crl.pem")
    @Produces("application/x-pem-file")
    @Operation(summary = "The current CA's certificate revocation list, PEM (no credentials needed)")
    public String crlPem() {
        return pem(revocations.currentCrl());
    }

    @GET
    @Path("/crl/{fingerprint}")
    @Produces("application/pkix-crl")
    @Operation(summary = "The CRL of this server's CA with that SHA-256 fingerprint (current or previous), DER")
    public byte[] crlOf(@PathParam("fingerprint") String fingerprint) {
        return revocations.crl(fingerprint.toLowerCase(java.util.Locale.ROOT));
    }

    static String pem(byte[] der) {
        return "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END X509 CRL-----\n";
    }
}
