package io.ferry.content;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.Map;
import java.util.UUID;

/** Request bodies that change a repository's content. */
public final class ContentDtos {
    private ContentDtos() {
    }

    /**
     * Adds a unit at {@code relativePath}: the bytes of a finished {@code upload}, or a blob this server
     * already stores, named by {@code sha256}. With an upload, {@code sha256} is the expected checksum.
     */
    public record AddContent(UUID upload, String sha256, String relativePath, Map<String, String> metadata) {
    }

    public record RemoveContent(@NotEmpty @Size(max = 100_000) List<String> relativePaths) {
    }

    /** Put units back as they were in an earlier version of the repository. */
    public record RestoreContent(@Schema(required = true, description = "The version to restore from") Integer version,
                                 @Schema(required = true, maxItems = 100_000) List<String> relativePaths) {
    }
}
