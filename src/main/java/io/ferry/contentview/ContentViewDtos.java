package io.ferry.contentview;

import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.ferry.organization.OrganizationDtos.OrganizationRef;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Request and response bodies of content views and their versions. */
public final class ContentViewDtos {
    private ContentViewDtos() {
    }

    /** {@code repositories}: each a repository id or {@code product/repository} labels. */
    public record CreateContentView(@Schema(required = true, minLength = 1, maxLength = Name.MAX) String name, String label, @Schema(maxLength = Description.MAX) String description,
                                    boolean importOnly, @Size(max = 1000) List<String> repositories) {
    }

    /** Absent fields stay; {@code repositories}, when given, replaces the set. */
    public record UpdateContentView(@Schema(minLength = 1, maxLength = Name.MAX) String name, @Schema(maxLength = Description.MAX) String description,
                                    @Size(max = 1000) List<String> repositories) {
    }

    public record Publish(@Schema(maxLength = Description.MAX) String description) {
    }

    /** Target environments in order (ids or labels); {@code force} allows skipping the path order. */
    public record Promote(@jakarta.validation.constraints.NotEmpty @Size(max = 50) List<String> environments, boolean force) {
    }

    public record RepositoryRef(long id, String label, String product) {
    }

    public record PinnedRepository(long id, String label, String product, int version) {
    }

    public record EnvironmentRef(long id, String label) {
    }

    public record ContentViewView(long id, String label, String name, String description, boolean importOnly,
                                  OrganizationRef organization, List<RepositoryRef> repositories, String latestVersion,
                                  long versionCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record VersionView(long id, String version, int major, int minor, String description, long unitCount, long totalSize,
                              List<PinnedRepository> repositories, List<EnvironmentRef> environments, String createdBy,
                              OffsetDateTime createdAt,
                              @Schema(description = "For an imported version: the servers it passed through, origin first")
                              List<Hop> provenance,
                              @Schema(description = "For an imported version: its path, e.g. alpha -> bravo -> charlie (this server)")
                              String origin) {
    }

    /** A server an imported version passed through: who exported it, which export, when. */
    public record Hop(String serverId, String serverName, long exportId, OffsetDateTime exportedAt) {
    }

    /** A unit of a content view version, with the repository that holds it. */
    public record VersionUnit(String repository, String product, String relativePath, String sha256, long size,
                              Map<String, String> metadata) {
    }
}
