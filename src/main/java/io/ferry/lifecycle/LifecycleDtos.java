package io.ferry.lifecycle;

import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of the lifecycle environment API. */
public final class LifecycleDtos {
    private LifecycleDtos() {
    }

    /** {@code prior} is the id or label of the environment before this one (Library for the first). */
    public record CreateEnvironment(@Schema(required = true, minLength = 1, maxLength = Name.MAX) String name, String label, @Schema(maxLength = Description.MAX) String description,
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
