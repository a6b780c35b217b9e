package io.ferry.security;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * What the caller of the current request may see, for lists to filter in their query: null means everything (an
 * administrator, a user whose roles hold everywhere, or work outside a request such as a task).
 */
@ApplicationScoped
public class Visibility {
    @Inject
    CurrentUser user;

    public Set<Long> organizations() {
        RequestScope s = scope();
        return s == null ? null : s.visibleOrganizations();
    }

    public Set<Long> of(RoleScope.Kind kind, long organizationId) {
        RequestScope s = scope();
        return s == null ? null : s.visible(kind, organizationId);
    }

    /** The user whose tasks alone the caller may see, or null for every task. */
    public String taskOwner() {
        RequestScope s = scope();
        return s == null || s.holdsEverywhere(Permission.VIEW_TASKS) ? null : user.username();
    }

    /**
     * The user whose exports and imports alone the caller may see in the organization (its roles there are all
     * narrowed: other records would name products it may not see), or null for every record.
     */
    public String historyOwner(long organizationId) {
        return scope() instanceof RoleScope r && !r.seesWholeOrganization(organizationId) ? user.username() : null;
    }

    private RequestScope scope() {
        return Arc.container().requestContext().isActive() ? user.scope() : null;
    }
}
