package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.security.Permission;
import io.ferry.security.ScopeLookup;
import io.ferry.common.value.Actor;
import io.ferry.security.RequestScope;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import java.util.Set;

/**
 * What a downstream server may reach: per organization in scope, everything (no narrowing) or only the given
 * lifecycle environments and content views. A downstream reads and exports; it never changes, imports or
 * deletes anything, and sees no other organization, user or task than its own.
 */
final class DownstreamScope implements RequestScope {
    /** An organization's grant: empty sets mean the whole organization. */
    record Grant(Set<Long> environments, Set<Long> contentViews) {
        boolean whole() {
            return environments.isEmpty() && contentViews.isEmpty();
        }
    }

    private final String name;
    private final Map<Long, Grant> grants;
    private final ScopeLookup lookup;

    DownstreamScope(String name, Map<Long, Grant> grants, ScopeLookup lookup) {
        this.name = name;
        this.grants = grants;
        this.lookup = lookup;
    }

    @Override
    public String owner() {
        return "Downstream server '" + name + "'";
    }

    @Override
    public boolean reachesOrganization(long organizationId) {
        return grants.containsKey(organizationId);
    }

    String principalName() {
        return Actor.DOWNSTREAM + name;
    }

    @Override
    public void check(String method, String path, MultivaluedMap<String, String> params, Permission required) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (!read && !(required == Permission.EXPORT_CONTENT && "POST".equals(method))) {
            throw refused("may only read and export: " + method + " /" + path + " is refused");
        }
        String org = params.getFirst("org");
        if (org == null) {
            if (required == Permission.VIEW_STATUS) {
                return;
            }
            String task = params.getFirst("id");
            if (required == Permission.VIEW_TASKS && task != null && principalName().equals(lookup.taskOwner(task))) {
                return;
            }
            throw refused("may only reach the organizations in its scope: /" + path + " is refused");
        }
        Long orgId = lookup.organization(org);
        Grant g = orgId == null ? null : grants.get(orgId);
        if (g == null) {
            throw refused("has no access to organization '" + org + "'");
        }
        if (g.whole()) {
            return;
        }
        String cv = params.getFirst("cv");
        String env = params.getFirst("env");
        Long cvId = cv == null ? null : lookup.contentView(orgId, cv);
        Long envId = env == null ? null : lookup.environment(orgId, env);
        if (cv != null || env != null) {
            if (cvId != null && g.contentViews().contains(cvId) || envId != null && g.environments().contains(envId)) {
                return;
            }
            throw refused("has no access to " + (cv != null ? "content view '" + cv + "'" : "lifecycle environment '" + env + "'")
                    + " of organization '" + org + "'");
        }
        if (path.endsWith("/exports") || path.contains("/exports/") || path.equals("api/v1/organizations/" + org)) {
            return; // what an export carries is checked against the grant when its body is read
        }
        throw refused("is limited to some content views or environments of organization '" + org + "': /" + path + " is refused");
    }

    @Override
    public boolean allowsOrganization(long organizationId) {
        Grant g = grants.get(organizationId);
        return g != null && g.whole();
    }

    @Override
    public boolean allowsContentView(long organizationId, long contentViewId, Long environmentId) {
        Grant g = grants.get(organizationId);
        return g != null && (g.whole() || g.contentViews().contains(contentViewId)
                || environmentId != null && g.environments().contains(environmentId));
    }

    private FerryException refused(String why) {
        return new FerryException(ErrorCode.DOWNSTREAM_OUT_OF_SCOPE, owner() + " " + why + ". Its scope is set when it is "
                + "approved: ferry downstream-server info --name " + name + " shows it.");
    }
}
