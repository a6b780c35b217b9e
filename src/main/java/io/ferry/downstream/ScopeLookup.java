package io.ferry.downstream;

import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Resolves the ids or labels a request's path names, for the scope check (one indexed query each). */
@ApplicationScoped
class ScopeLookup {
    @Inject
    EntityManager em;

    @Transactional
    Long organization(String ref) {
        return first("select id from organization where " + (numeric(ref) ? "id = ?::bigint" : "label = ?"), ref);
    }

    @Transactional
    Long contentView(long orgId, String ref) {
        return first("select id from content_view where organization_id = ? and " + (numeric(ref) ? "id = ?::bigint" : "label = ?"),
                orgId, ref);
    }

    @Transactional
    Long environment(long orgId, String ref) {
        return first("select id from lifecycle_environment where organization_id = ? and " + (numeric(ref) ? "id = ?::bigint"
                : "label = ?"), orgId, ref);
    }

    @Transactional
    String taskOwner(String taskId) {
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
