package io.ferry.upload;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Request and response bodies of the upload API. */
public final class UploadDtos {
    private UploadDtos() {
    }

    public record CreateUpload(@NotNull @Min(0) Long size) {
    }

    /** {@code offset} is how many bytes have arrived; send the next chunk from there. */
    public record UploadView(UUID id, long size, long offset, boolean complete, String createdBy, OffsetDateTime createdAt,
                             OffsetDateTime expiresAt) {
    }

    /**
     * What a bulk upload did: {@code created} when it made a new version ({@code version}); {@code files} and
     * {@code bytes} the archive held; {@code directories} directory entries passed over.
     */
    public record ArchiveResult(boolean created, io.ferry.content.RepoVersionDtos.VersionView version, long added, long removed,
                                long files, long bytes, long directories) {
    }
}
