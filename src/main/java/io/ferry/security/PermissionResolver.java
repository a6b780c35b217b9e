package io.ferry.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides which permissions a user holds. For now administrators hold all and other users a small
 * base set; the role model replaces this one class.
 */
@ApplicationScoped
public class PermissionResolver {
    static final Set<Permission> BASE = EnumSet.of(Permission.VIEW_STATUS, Permission.MANAGE_OWN_TOKENS);

    public Set<Permission> permissionsOf(UserEntity user) {
        return user.admin ? EnumSet.allOf(Permission.class) : EnumSet.copyOf(BASE);
    }
}
