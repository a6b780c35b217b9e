package io.ferry.downstream;

import io.ferry.common.value.Description;
import io.ferry.common.value.Label;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the downstream-server API. */
public final class DownstreamDtos {
    private DownstreamDtos() {
    }

    /** One organization in scope; listing environments and/or content views narrows it to them. */
    public record ScopeEntry(@Schema(required = true, description = "Organization id or label") String organization,
                             @Schema(description = "Lifecycle environments (ids or labels); their content views' versions") List<String>
                                     lifecycleEnvironments,
                             @Schema(description = "Content views (ids or labels)") List<String> contentViews) {
    }

    public record Approve(
            @Schema(required = true, maxLength = Label.MAX, description = "The downstream server's name here, a label") String name,
            @Schema(maxLength = Description.MAX) String description,
            @Schema(description = "The downstream's PEM certificate request (from ferry upstream request-certificate)") String csr,
            @Schema(description = "Instead of a CSR: a PEM client certificate an external CA issued, mapped to this name") String
                    certificate,
            @Schema(description = "With certificate: the PEM certificate of the external CA that issued it") String issuerCa,
            @Schema(description = "Days the issued certificate is valid", defaultValue = "397", minimum = "1", maximum = "3650")
            Integer validityDays,
            @Schema(required = true) List<ScopeEntry> scope) {
    }

    /** One organization of the scope: the role the downstream holds there and what narrows it (empty: the whole organization). */
    public record ScopeView(String organization, String role, List<String> lifecycleEnvironments, List<String> contentViews) {
    }

    public record CertificateView(String serial, String fingerprint, String subject, String issuer, boolean externalIssuer,
                                  OffsetDateTime notBefore, OffsetDateTime notAfter, String status, OffsetDateTime revokedAt,
                                  String revokedBy) {
    }

    public record DownstreamView(long id, String name, String description, List<ScopeView> scope,
                                 List<CertificateView> certificates, String createdBy, OffsetDateTime createdAt) {
    }

    /** An approval's answer: the client certificate to send back to the downstream, and the CA chain to trust this server. */
    public record Approved(DownstreamView downstream, String certificatePem, String caPem) {
    }
}
