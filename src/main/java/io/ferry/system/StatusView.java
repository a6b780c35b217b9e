package io.ferry.system;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What {@code GET /api/v1/status} answers. */
public record StatusView(String name, String version, UUID serverId, OffsetDateTime startedAt, Database database,
                         Storage storage) {

    /** {@code mode} is {@code embedded} or {@code external}. */
    public record Database(String mode, String product, String version, boolean reachable) {
    }

    public record Storage(String dataDir, long freeBytes, long totalBytes) {
    }
}
