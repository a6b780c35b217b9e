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
}
