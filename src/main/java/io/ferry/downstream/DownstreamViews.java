package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Downstream servers as the API shows them: scope (its role assignments) by labels, certificates with their status (three queries per page). */
@ApplicationScoped
class DownstreamViews {
    static final int MAX_LIST = 1000;

    @Inject
    EntityManager em;

    private record Row(long id, String name, String description, String createdBy, OffsetDateTime createdAt) {
    }

    @Transactional
    DownstreamDtos.DownstreamView get(String name) {
        List<DownstreamDtos.DownstreamView> v = load("where d.name = ?", name);
        if (v.isEmpty()) {
            throw new FerryException(ErrorCode.DOWNSTREAM_NOT_FOUND, "No downstream server '" + name + "'. List them with: ferry "
                    + "downstream-server list", "name");
        }
        return v.get(0);
    }

    @Transactional
    List<DownstreamDtos.DownstreamView> list() {
        return load("");
    }

    private List<DownstreamDtos.DownstreamView> load(String where, Object... params) {
        List<Row> rows = Sql.work(em, c -> Sql.rows(c, "select d.id, d.name, d.description, d.created_by, d.created_at from "
                + "downstream_server d " + where + " order by d.name limit " + MAX_LIST, rs -> new Row(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)), params));
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Map<Long, Map<String, DownstreamDtos.ScopeView>> scopes = new HashMap<>();
        Sql.work(em, c -> {
            try (var ps = c.prepareStatement("select a.downstream_id, o.label, r.name, array(select e.label from "
                    + "lifecycle_environment e where e.id = any(a.environments) order by e.label), array(select v.label from "
                    + "content_view v where v.id = any(a.content_views) order by v.label) from role_assignment a join organization o "
                    + "on o.id = a.organization_id join role r on r.id = a.role_id where a.downstream_id = any(?) order by a.id")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String org = rs.getString(2);
                        String role = rs.getString(3);
                        DownstreamDtos.ScopeView s = scopes.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).computeIfAbsent(
                                org + '\u0000' + role, k -> new DownstreamDtos.ScopeView(org, role, new ArrayList<>(), new ArrayList<>()));
                        s.lifecycleEnvironments().addAll(List.of((String[]) rs.getArray(4).getArray()));
                        s.contentViews().addAll(List.of((String[]) rs.getArray(5).getArray()));
                    }
                }
            }
            return null;
        });
        Map<Long, List<DownstreamDtos.CertificateView>> certs = new HashMap<>();
        Sql.work(em, c -> {
            try (var ps = c.prepareStatement("select downstream_id, serial, fingerprint, subject, issuer_pem is not null, not_before, "
                    + "not_after, revoked_at, revoked_by, issuer_fingerprint from downstream_certificate where downstream_id = any(?) "
                    + "order by id")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (var rs = ps.executeQuery()) {
                    OffsetDateTime now = OffsetDateTime.now();
                    while (rs.next()) {
                        OffsetDateTime notAfter = rs.getObject(7, OffsetDateTime.class);
                        OffsetDateTime revokedAt = rs.getObject(8, OffsetDateTime.class);
                        String status = revokedAt != null ? "revoked" : notAfter.isBefore(now) ? "expired" : "valid";
                        certs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new DownstreamDtos.CertificateView(
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(10), rs.getBoolean(5),
                                rs.getObject(6, OffsetDateTime.class), notAfter, status, revokedAt, rs.getString(9)));
                    }
                }
            }
            return null;
        });
        return rows.stream().map(r -> new DownstreamDtos.DownstreamView(r.id(), r.name(), r.description(),
                List.copyOf(scopes.getOrDefault(r.id(), Map.of()).values()), certs.getOrDefault(r.id(), List.of()), r.createdBy(),
                r.createdAt())).toList();
    }
}
