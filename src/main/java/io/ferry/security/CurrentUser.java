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

    void set(long id, String username, Set<Permission> permissions, Long tokenId) {
        this.id = id;
        this.username = username;
        this.permissions = permissions;
        this.tokenId = tokenId;
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
