package io.ferry.content.type;

import java.time.OffsetDateTime;
import java.util.Map;

/** A stored unit as a repository version holds it. */
public record UnitRow(long unitId, String relativePath, String sha256, long size, Map<String, String> metadata,
                      int versionAdded, OffsetDateTime createdAt) {
}
