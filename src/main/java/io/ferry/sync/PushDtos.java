package io.ferry.sync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a push request. */
public final class PushDtos {
    private PushDtos() {
    }

    @Schema(description = "Send content to an enrolled downstream server that cannot connect here (it accepts pushes)")
    public record PushRequest(
            @Schema(required = true, description = "The downstream's HTTPS URL, e.g. https://ferry-b:8443") String url,
            @Schema(required = true, description = "The downstream's CA (PEM; ferry ca export there), which issued its HTTPS "
                    + "certificate") String caPem,
            @Schema(required = true, description = "The organization here") String organization,
            @Schema(description = "The organization there (default: the same label)") String downstreamOrganization,
            @Schema(description = "A content view to push (its latest version unless version is given); leave out for the Library")
            String contentView,
            @Schema(description = "The content view version, e.g. 3.0") String version) {
    }
}
