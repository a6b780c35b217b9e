package io.ferry.imports;

import io.ferry.common.Sql;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.security.Permission;
import io.ferry.security.RoleScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user whose import role is narrowed imports only into what the filter names: every product the bundle's
 * repositories belong to must exist here and be allowed (a product the bundle would create needs an assignment
 * without a product filter), likewise its content view and the environments it is promoted to. One query per kind.
 */
@ApplicationScoped
class ImportPermissions {
    @Inject
    EntityManager em;

    @jakarta.transaction.Transactional
    void check(RoleScope roles, long orgId, String orgLabel, Manifest m, List<Long> environmentIds) {
        Map<String, Long> products = new TreeMap<>();
        m.repositories().forEach(r -> products.put(r.productLabel(), null));
        Sql.work(em, c -> Sql.rows(c, "select label, id from product where organization_id = ? and label = any(?)",
                rs -> products.put(rs.getString(1), rs.getLong(2)), orgId, products.keySet().toArray(String[]::new)));
        ManifestHeader h = m.header();
        String cvLabel = null;
        Long cvId = null;
        if ("content_view_version".equals(h.scopeKind())) {
            cvLabel = String.valueOf(((Map<?, ?>) h.scope().get("contentView")).get("label"));
            String label = cvLabel;
            cvId = Sql.work(em, c -> {
                long[] id = Sql.longs(c, "select coalesce(max(id), 0) from content_view where organization_id = ? and label = ?", orgId,
                        label);
                return id[0] == 0 ? null : id[0];
            });
        }
        roles.requireImport(Permission.IMPORT_CONTENT, orgId, orgLabel, products, cvLabel, cvId, environmentIds);
    }
}
