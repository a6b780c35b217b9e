package io.ferry.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the export API. */
public final class ExportDtos {
    private ExportDtos() {
    }

    @Schema(description = "What to export. kind content_view_version needs contentView and version or environment; "
            + "repository needs product and repository (and optionally repositoryVersion, default latest); library needs nothing more.")
    public record Scope(
            @NotNull @Schema(enumeration = {"content_view_version", "library", "repository"}) String kind,
            String contentView,
            @Schema(description = "Content view version number such as 2.0 or 2") String version,
            @Schema(description = "Export the version of the content view this lifecycle environment holds") String environment,
            String product,
            String repository,
            Integer repositoryVersion) {
    }

    public record ExportRequest(
            @NotNull @Valid Scope scope,
            @Schema(enumeration = {"complete", "incremental"}, defaultValue = "complete") String type,
            @Schema(description = "incremental: the export to base it on (default: the last complete export of the same "
                    + "scope to the same destination)") Long fromExport,
            @Schema(description = "incremental: carry only content added after this ISO-8601 date or date-time") String since,
            @Schema(description = "A label for where the export goes (an air-gapped site); incrementals follow the "
                    + "exports to the same destination", defaultValue = "default") String destination,
            @Schema(enumeration = {"dir", "tgz", "iso"}, defaultValue = "dir") String format,
            @Schema(description = "tgz/iso: split into volumes of this size: cd, dvd, dvd-dl, bd or bytes (700MiB, 4700MB); "
                    + "default one volume") String volumeSize,
            @Schema(enumeration = {"default", "fast", "best", "none"}, defaultValue = "default") String compression,
            @Schema(description = "Directory to write the export to (must not exist yet, must lie inside an allowed root); "
                    + "default <export root>/<org>/<scope>/<timestamp>-<id>") String path,
            @Schema(description = "dir: hard-link blobs from the blob store when on the same filesystem", defaultValue = "true")
            Boolean link,
            @Schema(description = "incremental: the id of a downstream's stored receipt (POST .../exports/receipts); the export "
                    + "carries exactly the scope's blobs the receipt does not list, whatever the export history")
            Long receipt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BaseView(Long exportId, String manifestSha256, OffsetDateTime since, Long receiptId) {
    }

    @Schema(description = "What an export would write, computed without writing anything")
    public record PlanView(Map<String, Object> scope, String type, BaseView base, String format, Long volumeSize,
                           long repositories, long units, long blobs, long blobBytes, long newBlobs, long newBytes,
                           long baseBlobs, long baseBytes, int volumes,
                           @Schema(description = "likely total size of the volumes (a tgz of compressible content is smaller)")
                           long estimatedBytes,
                           @Schema(description = "what every volume repeats: its copy of the manifest, the signed marker and the "
                                   + "format's fixed structures")
                           long perVolumeOverheadBytes,
                           @Schema(description = "share of each volume spent on those repeated copies, in percent (0 for one "
                                   + "volume)")
                           int overheadPercent,
                           @Schema(description = "set when the export would be refused (FERRY-EXPORT-004): why, and the smallest "
                                   + "volume size that is accepted")
                           String warning,
                           @Schema(description = "carried blobs that would travel as deltas (their changed chunks), docs/deltas.md")
                           long deltaBlobs,
                           @Schema(description = "bytes the deltas save: newBytes and estimatedBytes already count only the "
                                   + "delta bytes")
                           long deltaSavedBytes) {
    }

    public record VolumeView(int number, String name, long size, String sha256, long blobCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportView(long id, String organization, String scopeKind, Map<String, Object> scope, String type,
                             BaseView base, String destination, String format, String compression, Long volumeSize,
                             String location, String status, long unitCount, long blobCount, long blobBytes, Long totalSize,
                             Long deltaBlobs, Long deltaSavedBytes, String manifestSha256, List<VolumeView> volumes, String error, UUID taskId, String createdBy,
                             OffsetDateTime createdAt, OffsetDateTime finishedAt) {
    }
}
