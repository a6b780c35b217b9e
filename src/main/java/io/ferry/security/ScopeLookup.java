package io.ferry.security;

import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Resolves the ids or labels a request's path names, for scope checks (one indexed query each). */
@ApplicationScoped
public class ScopeLookup {
    @Inject
    EntityManager em;

    @Transactional
    public Long organization(String ref) {
        return first("select id from organization where " + (numeric(ref) ? "id = ?::bigint" : "label = ?"), ref);
    }

    @Transactional
    public Long contentView(long orgId, String ref) {
        return first("select id from content_view where organization_id = ? and " + (numeric(ref) ? "id = ?::bigint" : "label = ?"),
                orgId, ref);
    }

    @Transactional
    public Long product(long orgId, String ref) {
        return first("select id from product where organization_id = ? and " + (numeric(ref) ? "id = ?::bigint" : "label = ?"),
                orgId, ref);
    }

    @Transactional
    public Long environment(long orgId, String ref) {
        return first("select id from lifecycle_environment where organization_id = ? and " + (numeric(ref) ? "id = ?::bigint"
                : "label = ?"), orgId, ref);
    }

    @Transactional
    public String taskOwner(String taskId) {
        try {
            java.util.UUID id = java.util.UUID.fromString(taskId);
            return Sql.work(em, c -> Sql.firstString(c, "select created_by from task where id = ?", id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Long first(String sql, Object... params) {
        String v = Sql.work(em, c -> Sql.firstString(c, sql, params));
        return v == null ? null : Long.valueOf(v);
    }

    private static boolean numeric(String ref) {
        return ref.matches("[0-9]{1,18}");
    }
}
