package io.ferry.audit;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Page;
import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit trail, newest first, filtered in the query (indexed by time, actor, action and organization). */
@ApplicationScoped
public class AuditQueries {
    @Inject
    EntityManager em;

    /** Filters of a listing; null fields do not filter. */
    public record Filter(OffsetDateTime from, OffsetDateTime to, String actor, String action, String organization) {
    }

    @Transactional
    public Page<AuditDtos.AuditRecordView> list(Filter f, int page, int size) {
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "from is after to: give a time range that starts before it "
                    + "ends (ferry audit list --from ... --to ...).", "from");
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (f.from() != null) {
            where.append(" and at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            where.append(" and at < ?");
            params.add(f.to());
        }
        if (f.actor() != null) {
            where.append(" and actor = ?");
            params.add(f.actor());
        }
        if (f.action() != null) {
            if (f.action().endsWith(".")) {
                where.append(" and starts_with(action, ?)");
            } else {
                where.append(" and action = ?");
            }
            params.add(f.action());
        }
        if (f.organization() != null) {
            where.append(" and organization = ?");
            params.add(f.organization());
        }
        Object[] p = params.toArray();
        long total = Sql.work(em, c -> Sql.longs(c, "select count(*) from audit_record" + where, p))[0];
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        List<AuditDtos.AuditRecordView> items = Sql.work(em, c -> Sql.rows(c, "select id, at, actor, address, action, organization, "
                + "target, result, detail, manifest_sha256, previous_hash, hash from audit_record" + where
                + " order by id desc limit ? offset ?", rs -> new AuditDtos.AuditRecordView(rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
                paged.toArray()));
        return new Page<>(items, page, size, total);
    }
}
