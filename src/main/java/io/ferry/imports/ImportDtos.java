package io.ferry.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the import API. */
public final class ImportDtos {
    private ImportDtos() {
    }

    public record ImportRequest(
            @NotBlank @Schema(description = "Absolute path on this server inside ferry.import.allowed-roots: a directory exported "
                    + "as dir, one .tar.gz or .iso volume, or a directory holding the volumes (and volumes.json) or copied ISO trees")
            String path,
            @Schema(description = "What the bundle must hold, as hammer content-import version|library|repository; "
                    + "default: whatever it holds", enumeration = {"version", "library", "repository"}) String kind,
            @Schema(description = "content view versions: also promote the imported version to these lifecycle environments "
                    + "(labels, in path order)") List<String> promoteTo) {
    }

    public record CheckRequest(
            @NotBlank @Schema(description = "As for an import") String path,
            @Schema(description = "Hash every volume file against volumes.json (reads every byte)", defaultValue = "true")
            Boolean verifyChecksums) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(@Schema(enumeration = {"ok", "failed", "skipped", "warning"}) String status, String name, String message,
                        String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BaseView(Long exportId, String manifestSha256, OffsetDateTime since, OffsetDateTime createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BundleView(String sourceServerId, String sourceServerName, String sourceVersion, long exportId,
                             String manifestSha256, String type, OffsetDateTime createdAt, String createdBy, String format,
                             BaseView base, String scopeKind, String scope, int volumes, int volumesPresent, long repositories,
                             long units, long blobs, long bytes, Long bytesToStore,
                             @Schema(description = "carried blobs that travel as deltas (docs/deltas.md); absent when none")
                             Long deltaBlobs,
                             @Schema(description = "bytes the deltas save: 'bytes' counts only what the bundle carries")
                             Long deltaSavedBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckReport(boolean ok, String path, BundleView bundle, List<Check> checks, Long alreadyImportedAs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorView(String code, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportView(long id, String organization, String status, String location, String format, String sourceServerId,
                             String sourceServerName, String sourceVersion, Long sourceExportId, String manifestSha256,
                             String type, BaseView base, String scopeKind, Map<String, Object> scope, Integer volumes, Long units,
                             Long blobs, Long bytes, Long blobsStored, Long bytesStored, Map<String, Object> result,
                             ErrorView error, UUID taskId, String createdBy, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    @Schema(description = "The bundle's export was imported into this organization before: nothing to do")
    public record AlreadyImported(String outcome, String message, ImportView previous) {
    }
}
