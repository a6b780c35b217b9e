package io.ferry.sync;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the upstream sync API. */
public final class SyncDtos {
    private SyncDtos() {
    }

    public record Configure(
            @Schema(required = true, description = "The upstream's HTTPS URL, e.g. https://ferry-a:8443") String url,
            @Schema(required = true, description = "The organization's label on the upstream") String upstreamOrganization,
            @Schema(required = true, enumeration = {"library", "environment", "content-views"}) String follow,
            @Schema(description = "follow=environment: the lifecycle environment's label on the upstream") String environment,
            @Schema(description = "follow=content-views: their labels on the upstream") List<String> contentViews,
            @Schema(description = "Accept bundles the upstream pushes (ferry downstream-server push there), for networks where "
                    + "only the upstream may open connections", defaultValue = "false") Boolean acceptPush) {
    }

    public record UpstreamView(String organization, String url, String upstreamOrganization, String follow, String environment,
                               List<String> contentViews, boolean acceptPush, String updatedBy, OffsetDateTime updatedAt) {
    }

    /** What {@code upstream test} found: the handshake, who the upstream is, and what this server may reach there. */
    public record TestReport(boolean ok, String upstreamServerId, String upstreamServerName, String upstreamVersion,
                             List<String> followed, String message) {
    }

    public record PlanRequest(
            @Schema(description = "Cron schedule: five crontab fields (0 2 * * *) or six with seconds first") String cron,
            @Schema(description = "Up to this many seconds of random delay after each match", minimum = "0", maximum = "86400")
            Integer randomDelaySeconds,
            @Schema(defaultValue = "true") Boolean enabled) {
    }

    public record PlanView(String organization, String cron, int randomDelaySeconds, boolean enabled, OffsetDateTime nextRunAt,
                           OffsetDateTime lastRunAt, String lastTaskId, String lastState, String lastError,
                           OffsetDateTime lastSuccessAt, String updatedBy, OffsetDateTime updatedAt) {
    }
}
