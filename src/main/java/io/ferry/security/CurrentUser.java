package io.ferry.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/** Who is calling, set by {@link AuthFilter} for each authenticated request. */
@RequestScoped
public class CurrentUser {
    private Long id;
    private String username;
    private Set<Permission> permissions = Set.of();
    private Long tokenId;
    private RequestScope scope;

    void set(Authenticator.Principal p) {
        this.id = p.userId();
        this.username = p.username();
        this.permissions = p.permissions();
        this.tokenId = p.tokenId();
        this.scope = p.scope();
    }

    /** The restriction this caller carries beyond permissions (a downstream server's scope), or null for users. */
    public RequestScope scope() {
        return scope;
    }

    /** Throws 403 unless the caller holds {@code p} in the whole organization, not only in part of it (see RoleScope). */
    public void requireWholeOrganization(Permission p, long organizationId, String organizationLabel, String why) {
        if (scope instanceof RoleScope roles) {
            roles.requireWhole(p, organizationId, organizationLabel, why);
        }
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The token this request authenticated with, or null for a password. */
    public Long tokenId() {
        return tokenId;
    }
}
