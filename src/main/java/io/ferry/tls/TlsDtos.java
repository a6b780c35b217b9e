package io.ferry.tls;

import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the server-certificate API. */
public final class TlsDtos {
    private TlsDtos() {
    }

    /** The certificate the HTTPS listener presents (certificates are public; the key never leaves). */
    public record ServerCertificateView(String subject, String issuer, String fingerprint, OffsetDateTime notBefore,
                                        OffsetDateTime notAfter, List<String> names, String source, String pem) {
    }
}
