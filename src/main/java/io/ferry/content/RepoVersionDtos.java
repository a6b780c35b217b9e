package io.ferry.content;

import io.ferry.content.type.UnitRow;
import java.time.OffsetDateTime;
import java.util.Map;

/** Response bodies of repository versions and their content. */
public final class RepoVersionDtos {
    private RepoVersionDtos() {
    }

    public record VersionView(int number, long unitCount, long totalSize, long addedCount, long removedCount, String createdBy,
                              OffsetDateTime createdAt) {
    }

    /** A unit: {@code details} holds fields its content type adds. */
    public record UnitView(long id, String relativePath, String sha256, long size, Map<String, String> metadata,
                           int versionAdded, Map<String, Object> details) {
        public static UnitView of(UnitRow u, Map<String, Object> details) {
            return new UnitView(u.unitId(), u.relativePath(), u.sha256(), u.size(), u.metadata(), u.versionAdded(), details);
        }
    }

    /** One difference between two versions: {@code change} is {@code added} or {@code removed}. */
    public record ChangeView(String change, String relativePath, String sha256, long size, Map<String, String> metadata) {
    }

    /** The answer to a content change: the version it made ({@code created} false when nothing changed). */
    public record ChangeResult(boolean created, VersionView version, long added, long removed) {
    }
}
