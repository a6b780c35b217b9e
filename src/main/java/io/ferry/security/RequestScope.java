package io.ferry.security;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * A restriction beyond permissions that a principal carries (narrowed role assignments, a pusher's or a subscriber's reach): checked by
 * {@link AuthFilter} on each request's method and path parameters, and by services on what a request body names.
 */
public interface RequestScope {
    /** Throws a FerryException (403) when the request lies outside the scope. */
    void check(String method, String path, MultivaluedMap<String, String> pathParameters, Permission required);

    /** Whether anything of the organization is in scope (the whole of it, or some of its objects). */
    default boolean reachesOrganization(long organizationId) {
        return false;
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

    /** What a refused caller (or its operator) can do about a refusal, for messages. */
    default String refusalHint() {
        return "Ask an administrator to grant it.";
    }

    /** Who the scope belongs to, for messages. */
    String owner();
}
