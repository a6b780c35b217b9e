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
