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
}
