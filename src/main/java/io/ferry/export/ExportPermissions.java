package io.ferry.export;

import io.ferry.common.Sql;
import io.ferry.security.Permission;
import io.ferry.security.RoleScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user whose roles are narrowed exports only what they may export: every product the scope reaches (for the
 * Library, every product of the organization), its content view and its environment. One query for the products.
 */
@ApplicationScoped
class ExportPermissions {
    @Inject
    EntityManager em;

    void check(RoleScope roles, ExportScope scope) {
        Map<Long, String> products = new LinkedHashMap<>();
        String sql = scope.kind().equals(ExportScope.LIBRARY)
                ? "select id, label from product where organization_id = ? order by label"
                : "select distinct p.id, p.label from (" + scope.reposSql() + ") s(repository_id, version) join repository r "
                + "on r.id = s.repository_id join product p on p.id = r.product_id order by p.label";
        Object[] params = scope.kind().equals(ExportScope.LIBRARY) ? new Object[] {scope.organizationId()} : scope.params();
        Sql.work(em, c -> Sql.rows(c, sql, rs -> products.put(rs.getLong(1), rs.getString(2)), params));
        Long cv = id(scope.ids().get("contentViewId"));
        Long env = id(scope.ids().get("environmentId"));
        roles.requireAll(Permission.EXPORT_CONTENT, scope.organizationId(), scope.organizationLabel(), products, cv,
                (String) scope.labels().get("contentView"), env, (String) scope.labels().get("environment"));
    }

    private static Long id(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
