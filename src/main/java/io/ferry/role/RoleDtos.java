package io.ferry.role;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the role and assignment API. */
public final class RoleDtos {
    private RoleDtos() {
    }

    /** A new role: its permissions, or a copy of another role's ({@code copyOf}) plus these. */
    public record CreateRole(String name, String description, List<String> permissions, String copyOf) {
    }

    /** Changes to a custom role; null fields stay as they are. */
    public record UpdateRole(String name, String description, List<String> permissions) {
    }

    public record PermissionChange(String permission) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoleView(long id, String name, String description, boolean builtin, List<String> permissions, long assignments,
                           OffsetDateTime createdAt) {
    }

    /**
     * A role for a user in one organization (null: every organization), narrowed to the named products, content views and
     * lifecycle environments (labels; empty or absent: no narrowing on that axis).
     */
    public record AddAssignment(String role, String organization, List<String> products, List<String> contentViews,
                                List<String> lifecycleEnvironments) {
    }

    public record AssignmentView(long id, String user, String role, String organization, List<String> products,
                                 List<String> contentViews, List<String> lifecycleEnvironments, OffsetDateTime createdAt) {
    }
}
