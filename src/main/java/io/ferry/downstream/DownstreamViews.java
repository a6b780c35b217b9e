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

/** Downstream servers as the API shows them: scope by labels, certificates with their status (three queries per page). */
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
            try (var ps = c.prepareStatement("select s.downstream_id, o.label, e.label, v.label from downstream_scope s join "
                    + "organization o on o.id = s.organization_id left join lifecycle_environment e on e.id = "
                    + "s.lifecycle_environment_id left join content_view v on v.id = s.content_view_id where s.downstream_id = "
                    + "any(?) order by s.id")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        DownstreamDtos.ScopeView s = scopes.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).computeIfAbsent(
                                rs.getString(2), o -> new DownstreamDtos.ScopeView(o, new ArrayList<>(), new ArrayList<>()));
                        if (rs.getString(3) != null) {
                            s.lifecycleEnvironments().add(rs.getString(3));
                        }
                        if (rs.getString(4) != null) {
                            s.contentViews().add(rs.getString(4));
                        }
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
