package io.ferry.publication;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and answers of the publication-target API. */
public final class PublicationDtos {
    private PublicationDtos() {
    }

    public record CreateTarget(
            @Schema(required = true, example = "vcenter-west") @NotBlank @Size(max = 128) String name,
            @Schema(required = true, description = "The S3 endpoint URL", example = "https://s3.eu-west-1.amazonaws.com")
            @NotBlank @Size(max = 2000) String endpoint,
            @Schema(required = true, example = "templates") @NotBlank @Size(max = 63) String bucket,
            @Schema(description = "Key prefix inside the bucket (no leading or trailing slash); empty for the bucket's top",
                    maxLength = 1000) @Size(max = 1000) String prefix,
            @Schema(description = "Signing region; us-east-1 when absent", maxLength = 64) @Size(max = 64) String region,
            @Schema(description = "Path-style URLs (endpoint/bucket/key), as MinIO, Ceph RGW and s3proxy usually need; "
                    + "virtual-host style (bucket.endpoint/key) when false") Boolean pathStyle,
            @Schema(description = "Refuse an endpoint that is not https (default true)") Boolean tlsRequired,
            @Schema(required = true, description = "The publisher's access key id (write access to the bucket)")
            @NotBlank @Size(max = 256) String accessKeyId,
            @Schema(required = true, description = "The publisher's secret key; stored encrypted, never returned")
            @NotBlank @Size(max = 256) String secretAccessKey,
            @Schema(maxLength = 1000) @Size(max = 1000) String description) {
    }

    /** A target as the API shows it: never its credentials. */
    public record TargetView(long id, String name, String endpoint, String bucket, String prefix, String region, boolean pathStyle,
                             boolean tlsRequired, String description, String createdBy, OffsetDateTime createdAt) {
    }

    @Schema(description = "What to publish: a repository's latest version (product and repository), or what a lifecycle "
            + "environment holds of a content view (contentView and lifecycleEnvironment, optionally one repository)")
    public record Publish(@Size(max = 128) String product, @Size(max = 128) String repository, @Size(max = 128) String contentView,
                          @Size(max = 128) String lifecycleEnvironment) {
    }
}
