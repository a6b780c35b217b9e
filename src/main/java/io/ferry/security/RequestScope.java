package io.ferry.security;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * A restriction beyond permissions that a principal carries (a downstream server's scope): checked by
 * {@link AuthFilter} on each request's method and path parameters, and by services on what a request body names.
 */
public interface RequestScope {
    /** Throws a FerryException (403) when the request lies outside the scope. */
    void check(String method, String path, MultivaluedMap<String, String> pathParameters, Permission required);

    /** Whether the whole organization (its Library, products and repositories) is in scope. */
    boolean allowsOrganization(long organizationId);

    /** Whether a content view's versions are in scope (the content view, or an environment holding it, is granted). */
    boolean allowsContentView(long organizationId, long contentViewId, Long environmentId);

    /** Whether anything of the organization is in scope (the whole of it, or some content views or environments). */
    default boolean reachesOrganization(long organizationId) {
        return allowsOrganization(organizationId);
    }

    /** Ids of the objects of this kind the caller may see in the organization, or null for all (lists filter on it). */
    default java.util.Set<Long> visible(RoleScope.Kind kind, long organizationId) {
        return null;
    }

    /** Ids of the organizations the caller may see, or null for all. */
    default java.util.Set<Long> visibleOrganizations() {
        return null;
    }

    /** Whether the permission holds in every organization on every object. */
    default boolean holdsEverywhere(Permission p) {
        return false;
    }

    /** Who the scope belongs to, for messages. */
    String owner();
}
