package io.ferry.trust;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the trust API. */
public final class TrustDtos {
    private TrustDtos() {
    }

    /** A certificate: subject, SHA-256 fingerprint, validity, and the PEM text (certificates are public; keys never leave). */
    public record CertificateView(String subject, String fingerprint, OffsetDateTime notBefore, OffsetDateTime notAfter,
                                  boolean ca, String pem) {
    }

    public record AddTrusted(@Schema(required = true, maxLength = Pem.MAX_TEXT,
            description = "One PEM certificate: the source server's CA ('ferry ca export'), or a signing certificate") String pem) {
    }

    public record TrustedView(long id, String subject, String fingerprint, boolean ca, OffsetDateTime notAfter, String addedBy,
                              OffsetDateTime addedAt, String pem) {
    }

    /** A rotation's outcome: the new CA, the previous one, and until when the previous one is still trusted. */
    public record RotationView(CertificateView current, CertificateView previous, OffsetDateTime previousTrustedUntil) {
    }

    public record AddCrl(@Schema(required = true, maxLength = Pem.MAX_TEXT,
            description = "A PEM CRL ('-----BEGIN X509 CRL-----') signed by a CA this organization trusts, e.g. the source "
                    + "server's /pki/crl.pem") String pem) {
    }

    public record CrlView(long id, String issuer, OffsetDateTime thisUpdate, OffsetDateTime nextUpdate, int revokedCount,
                          String addedBy, OffsetDateTime addedAt) {
    }
}
