package io.ferry.security;

import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what a principal may do: administrators everything everywhere; other users a small base set plus what their
 * role assignments grant; a downstream server what its assignments grant (one query per credential check; the answer
 * is cached with the principal).
 */
@ApplicationScoped
public class PermissionResolver {
    static final Set<Permission> BASE = EnumSet.of(Permission.VIEW_STATUS, Permission.MANAGE_OWN_TOKENS,
            Permission.MANAGE_OWN_ACCOUNT);

    @Inject
    EntityManager em;
    @Inject
    ScopeLookup lookup;

    /** What a user holds: the union of permissions (for the first check) and, when narrowed, the scope that decides. */
    public record Resolved(Set<Permission> permissions, RequestScope scope) {
    }

    /** Must run in a transaction. */
    public Resolved resolve(UserEntity user) {
        if (user.admin) {
            return new Resolved(EnumSet.allOf(Permission.class), null);
        }
        List<RoleScope.Grant> grants = grants("user_id", user.id);
        Set<Permission> all = EnumSet.copyOf(BASE);
        grants.forEach(g -> all.addAll(g.permissions()));
        return new Resolved(all, RoleScope.unrestricted(grants) ? null : RoleScope.forUser(user.username, grants, lookup));
    }

    /**
     * What an enrolled downstream server holds: the role assignments its approval made (always in named organizations,
     * so always a scope), and no base permissions (it has no account or tokens here). Must run in a transaction.
     */
    public Resolved resolveDownstream(long downstreamId, String name) {
        List<RoleScope.Grant> grants = grants("downstream_id", downstreamId);
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        grants.forEach(g -> all.addAll(g.permissions()));
        return new Resolved(all, RoleScope.forDownstream(name, grants, lookup));
    }

    private List<RoleScope.Grant> grants(String holder, long id) {
        return Sql.work(em, c -> Sql.rows(c, "select a.organization_id, r.permissions, a.products, a.content_views, a.environments "
                + "from role_assignment a join role r on r.id = a.role_id where a." + holder + " = ? order by a.id", rs -> {
                    long org = rs.getLong(1);
                    return new RoleScope.Grant(rs.wasNull() ? null : org, permissions(rs.getArray(2)), ids(rs.getArray(3)),
                            ids(rs.getArray(4)), ids(rs.getArray(5)));
                }, id));
    }

    private static Set<Permission> permissions(Array a) throws SQLException {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (Object o : (Object[]) a.getArray()) {
            Permission p = Permission.byId((String) o);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<Long> ids(Array a) throws SQLException {
        Set<Long> out = new HashSet<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(((Number) o).longValue());
        }
        return Set.copyOf(out);
    }
}
