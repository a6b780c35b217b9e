package io.ferry.downstream;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the upstream-identity API. */
public final class UpstreamDtos {
    private UpstreamDtos() {
    }

    public record RequestBody(@Schema(required = true, description = "The name to ask the upstream for (a label)") String name) {
    }

    /** A certificate request to send to the upstream; the key stays on this server. */
    public record Request(String name, String csr, String next) {
    }

    public record Install(@Schema(required = true, description = "The PEM client certificate the upstream issued") String certificate,
                          @Schema(description = "The upstream's CA certificate(s), PEM") String upstreamCa) {
    }

    public record Installed(String subject, String issuer, OffsetDateTime notAfter, String fingerprint, boolean requestPending,
                            List<String> upstreamCas) {
    }
}
