package io.ferry.lifecycle;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of the lifecycle environment API. */
public final class LifecycleDtos {
    private LifecycleDtos() {
    }

    /** {@code prior} is the id or label of the environment before this one (Library for the first). */
    public record CreateEnvironment(@NotBlank @Size(max = 255) String name, String label, @Size(max = 4096) String description,
                                    @NotBlank String prior) {
    }

    public record EnvironmentRef(long id, String label) {
        static EnvironmentRef of(LifecycleEnvironmentEntity e) {
            return new EnvironmentRef(e.id, e.label);
        }
    }

    /** A content view version an environment holds. */
    public record HeldVersion(long contentViewId, String contentView, long versionId, String version, String promotedBy,
                              OffsetDateTime promotedAt) {
    }

    public record EnvironmentView(long id, String label, String name, String description, boolean library, EnvironmentRef prior,
                                  EnvironmentRef successor, List<HeldVersion> contentViews, OffsetDateTime createdAt) {
    }
}
