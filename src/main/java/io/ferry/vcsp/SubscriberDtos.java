package io.ferry.vcsp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and answers of the subscriber-credential API. */
public final class SubscriberDtos {
    private SubscriberDtos() {
    }

    public record CreateCredential(
            @Schema(required = true, description = "The library: Library/custom/PRODUCT/REPO or ENV/CV/REPO", example = "Library/custom/images/isos")
            @NotBlank @Size(max = 1000) String library,
            @Schema(maxLength = 1000) @Size(max = 1000) String description) {
    }

    /** A credential; {@code password} only in the answer that created it. */
    public record CredentialView(long id, String username, @Schema(description = "Shown once, when the credential is created") String password,
                                 String library, @Schema(description = "What to give vCenter as the subscription URL (path on this server)") String url,
                                 String description, String createdBy, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }
}
