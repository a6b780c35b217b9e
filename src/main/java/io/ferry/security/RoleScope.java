package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a principal's role assignments allow (a user's, or an enrolled downstream server's): permissions per
 * organization (or in all), each assignment optionally narrowed to named products, content views and lifecycle
 * environments. Objects the principal may not see at all answer 404 as if they did not exist; objects it sees but may
 * not act on answer 403 naming the permission and the object. The Library (products, repositories, their latest
 * content) lies outside every content view and environment: only an assignment not narrowed on those two axes reaches it.
 */
public final class RoleScope implements RequestScope {
    /** Permissions that every signed-in user holds everywhere (their own tokens, the status page). */
    static final Set<Permission> ALWAYS = PermissionResolver.BASE;
    /** Permissions whose server-wide endpoints list only what the caller may see, so holding them somewhere is enough. */
    private static final Set<Permission> FILTERED_LISTS = Set.of(Permission.VIEW_CONTENT, Permission.VIEW_TASKS);

    private final String owner;
    private final String hint;
    private final boolean downstream;
    private final List<Grant> grants;
    private final ScopeLookup lookup;

    /** One assignment: its role's permissions, in one organization (null: all), narrowed where a set is non-empty. */
    public record Grant(Long organizationId, Set<Permission> permissions, Set<Long> products, Set<Long> contentViews,
                        Set<Long> environments) {
        boolean covers(long org) {
            return organizationId == null || organizationId == org;
        }

        boolean narrowed() {
            return !products.isEmpty() || !contentViews.isEmpty() || !environments.isEmpty();
        }

        Set<Long> axis(Kind kind) {
            return switch (kind) {
                case PRODUCT -> products;
                case CONTENT_VIEW -> contentViews;
                case ENVIRONMENT -> environments;
            };
        }
    }

    /** The axes an assignment can be narrowed on. */
    public enum Kind {
        PRODUCT("product", ErrorCode.PRODUCT_NOT_FOUND),
        CONTENT_VIEW("content view", ErrorCode.CONTENT_VIEW_NOT_FOUND),
        ENVIRONMENT("lifecycle environment", ErrorCode.ENVIRONMENT_NOT_FOUND);

        final String noun;
        final ErrorCode notFound;

        Kind(String noun, ErrorCode notFound) {
            this.noun = noun;
            this.notFound = notFound;
        }
    }

    private RoleScope(String owner, String hint, boolean downstream, List<Grant> grants, ScopeLookup lookup) {
        this.owner = owner;
        this.hint = hint;
        this.downstream = downstream;
        this.grants = List.copyOf(grants);
        this.lookup = lookup;
    }

    static RoleScope forUser(String username, List<Grant> grants, ScopeLookup lookup) {
        return new RoleScope("User '" + username + "'", "Ask an administrator to assign a role that holds it: ferry user "
                + "add-role --login " + username + " --role ROLE --organization ORG.", false, grants, lookup);
    }

    static RoleScope forDownstream(String name, List<Grant> grants, ScopeLookup lookup) {
        return new RoleScope("Downstream server '" + name + "'", "Its scope is set when it is approved (ferry downstream-server "
                + "info --name " + name + " shows it); to widen it, revoke and approve it again with the wider --organization, "
                + "--content-view or --lifecycle-environment.", true, grants, lookup);
    }

    /** Whether the principal is an enrolled downstream server (it reads and exports, never to a path of its choosing). */
    public boolean downstream() {
        return downstream;
    }

    @Override
    public String refusalHint() {
        return hint;
    }

    /** Whether the assignments reduce to permissions held everywhere without narrowing (then no scope is needed). */
    static boolean unrestricted(List<Grant> grants) {
        return grants.stream().allMatch(g -> g.organizationId() == null && !g.narrowed());
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void check(String method, String path, MultivaluedMap<String, String> params, Permission required) {
        if (ALWAYS.contains(required) || holdsEverywhere(required)) {
            return;
        }
        String org = params.getFirst("org");
        if (org == null) {
            boolean read = "GET".equals(method) || "HEAD".equals(method);
            if (read && FILTERED_LISTS.contains(required)) {
                return; // the listing holds only what the caller may see
            }
            if (required == Permission.UPLOAD_CONTENT && grants.stream().anyMatch(g -> g.permissions().contains(required))) {
                return; // an upload session of one's own; adding the file to a repository is checked where it is added
            }
            throw forbidden(required, "server-wide (it is assigned only in some organizations)");
        }
        Long orgId = lookup.organization(org);
        if (orgId == null) {
            return; // the endpoint answers 404 itself
        }
        if (!reachesOrganization(orgId)) {
            throw new FerryException(ErrorCode.ORGANIZATION_NOT_FOUND, "No organization '" + org
                    + "'. List organizations with: ferry organization list", "organization");
        }
        checkNamed(required, orgId, org, Kind.PRODUCT, params.getFirst("product"));
        checkNamed(required, orgId, org, Kind.CONTENT_VIEW, params.getFirst("cv"));
        checkNamed(required, orgId, org, Kind.ENVIRONMENT, params.getFirst("env"));
        if (grants.stream().noneMatch(g -> g.covers(orgId) && g.permissions().contains(required))) {
            throw forbidden(required, "in organization '" + org + "'");
        }
    }

    private void checkNamed(Permission required, long orgId, String org, Kind kind, String ref) {
        if (ref == null) {
            return;
        }
        Long id = switch (kind) {
            case PRODUCT -> lookup.product(orgId, ref);
            case CONTENT_VIEW -> lookup.contentView(orgId, ref);
            case ENVIRONMENT -> lookup.environment(orgId, ref);
        };
        if (id == null) {
            return; // the endpoint answers 404 itself
        }
        require(required, orgId, kind, id, "'" + ref + "'", org);
    }

    /**
     * Throws 404 when the caller may not see the object, 403 when it may see it but lacks {@code required} for it
     * (and for its organization).
     */
    public void require(Permission required, long orgId, Kind kind, long id, String name, String orgLabel) {
        if (grants.stream().noneMatch(g -> g.covers(orgId) && g.permissions().contains(Permission.VIEW_CONTENT)
                && allows(g, kind, id)) && grants.stream().noneMatch(g -> g.covers(orgId) && g.permissions().contains(required)
                && allows(g, kind, id))) {
            throw new FerryException(kind.notFound, "No " + kind.noun + " " + name + " in organization '" + orgLabel + "'.",
                    kind.noun.replace(' ', '_'));
        }
        if (grants.stream().noneMatch(g -> g.covers(orgId) && g.permissions().contains(required) && allows(g, kind, id))) {
            throw forbidden(required, "for " + kind.noun + " " + name + " of organization '" + orgLabel + "'");
        }
    }

    /** Whether the assignment allows the object; a product (the Library) only when not narrowed to content views or environments. */
    private static boolean allows(Grant g, Kind kind, long id) {
        return onAxis(g, kind, id) && (kind != Kind.PRODUCT || reachesLibrary(g));
    }

    private static boolean onAxis(Grant g, Kind kind, long id) {
        Set<Long> axis = g.axis(kind);
        return axis.isEmpty() || axis.contains(id);
    }

    private static boolean reachesLibrary(Grant g) {
        return g.contentViews().isEmpty() && g.environments().isEmpty();
    }

    /** An axis the action is bound to (id) must allow it; one it is not bound to (null) must not be narrowed. */
    private static boolean bound(Grant g, Kind kind, Long id) {
        Set<Long> axis = g.axis(kind);
        return id == null ? axis.isEmpty() : axis.isEmpty() || axis.contains(id);
    }

    /** Ids of objects of this kind the caller may see in the organization, or null for all of them. */
    @Override
    public Set<Long> visible(Kind kind, long organizationId) {
        Set<Long> out = new HashSet<>();
        for (Grant g : grants) {
            if (g.covers(organizationId) && g.permissions().contains(Permission.VIEW_CONTENT)
                    && (kind != Kind.PRODUCT || reachesLibrary(g))) {
                if (g.axis(kind).isEmpty()) {
                    return null;
                }
                out.addAll(g.axis(kind));
            }
        }
        return out;
    }

    /** Ids of the organizations the caller may see, or null for all. */
    @Override
    public Set<Long> visibleOrganizations() {
        Set<Long> out = new HashSet<>();
        for (Grant g : grants) {
            if (g.organizationId() == null) {
                return null;
            }
            out.add(g.organizationId());
        }
        return out;
    }

    @Override
    public boolean holdsEverywhere(Permission p) {
        return grants.stream().anyMatch(g -> g.organizationId() == null && !g.narrowed() && g.permissions().contains(p));
    }

    /** Whether an assignment lets the caller see all of the organization (view_content, no filter). */
    public boolean seesWholeOrganization(long organizationId) {
        return grants.stream().anyMatch(g -> g.covers(organizationId) && !g.narrowed() && g.permissions().contains(Permission.VIEW_CONTENT));
    }

    @Override
    public boolean reachesOrganization(long organizationId) {
        return grants.stream().anyMatch(g -> g.covers(organizationId));
    }

    /**
     * For an export of one organization: one assignment holding {@code p} must allow each product it carries together
     * with its content view and environment (null: the Library, or a version outside any environment, which an
     * assignment narrowed on that axis does not reach). Throws 403 naming the permission and the first object it is
     * missing for, else returns.
     */
    public void requireAll(Permission p, long orgId, String orgLabel, Map<Long, String> products, Long cvId, String cvLabel,
                           Long envId, String envLabel) {
        String of = " of organization '" + orgLabel + "'";
        List<Grant> held = grants.stream().filter(g -> g.covers(orgId) && g.permissions().contains(p)).toList();
        if (cvId == null && held.stream().noneMatch(RoleScope::reachesLibrary)) {
            throw forbidden(p, "for the Library" + of + " (its assignments there are narrowed to content views or lifecycle "
                    + "environments; export one of those)");
        }
        if (cvId != null && held.stream().noneMatch(g -> bound(g, Kind.CONTENT_VIEW, cvId))) {
            throw forbidden(p, "for content view '" + cvLabel + "'" + of);
        }
        List<Grant> fit = held.stream().filter(g -> bound(g, Kind.CONTENT_VIEW, cvId) && bound(g, Kind.ENVIRONMENT, envId)).toList();
        if (fit.isEmpty()) {
            throw forbidden(p, envId != null ? "for lifecycle environment '" + envLabel + "'" + of : "for content view '" + cvLabel
                    + "'" + of + " outside a lifecycle environment (name the environment its assignment allows)");
        }
        for (Map.Entry<Long, String> e : products.entrySet()) {
            if (fit.stream().noneMatch(g -> g.products().isEmpty() || g.products().contains(e.getKey()))) {
                throw forbidden(p, "for product '" + e.getValue() + "'" + of);
            }
        }
    }

    /**
     * For an import into one organization: each product (label to id; null when the bundle would create it), the
     * content view (null id: would be created) and the environments it is promoted to must be allowed with {@code p}.
     * Creating needs an assignment not narrowed on that axis. Throws 403 naming the first that is not.
     */
    public void requireImport(Permission p, long orgId, String orgLabel, Map<String, Long> products, String cvLabel, Long cvId,
                              List<Long> environments) {
        for (Map.Entry<String, Long> e : products.entrySet()) {
            if (!allowsOrCreates(p, orgId, Kind.PRODUCT, e.getValue())) {
                throw forbidden(p, (e.getValue() == null ? "to create product '" : "for product '") + e.getKey()
                        + "' of organization '" + orgLabel + "' (the bundle holds its repositories)");
            }
        }
        if (cvLabel != null && !allowsOrCreates(p, orgId, Kind.CONTENT_VIEW, cvId)) {
            throw forbidden(p, (cvId == null ? "to create content view '" : "for content view '") + cvLabel + "' of organization '"
                    + orgLabel + "'");
        }
        for (Long env : environments) {
            if (!allowsOrCreates(p, orgId, Kind.ENVIRONMENT, env)) {
                throw forbidden(p, "for lifecycle environment " + env + " of organization '" + orgLabel + "'");
            }
        }
    }

    /**
     * For an action on the whole organization whose content the caller cannot choose (what it follows from its
     * upstream, and when): an assignment holding {@code p} there without a filter. Throws 403 otherwise.
     */
    public void requireWhole(Permission p, long orgId, String orgLabel, String why) {
        if (grants.stream().noneMatch(g -> g.covers(orgId) && !g.narrowed() && g.permissions().contains(p))) {
            throw forbidden(p, "in the whole of organization '" + orgLabel + "' (" + why + "; its assignments there are narrowed "
                    + "by a filter)");
        }
    }

    private boolean allowsOrCreates(Permission p, long orgId, Kind kind, Long id) {
        return grants.stream().anyMatch(g -> g.covers(orgId) && g.permissions().contains(p)
                && (id == null ? g.axis(kind).isEmpty() : onAxis(g, kind, id)));
    }

    private FerryException forbidden(Permission p, String where) {
        return new FerryException(ErrorCode.FORBIDDEN, owner + " lacks the permission '" + p.id() + "' " + where + ". " + hint);
    }
}
