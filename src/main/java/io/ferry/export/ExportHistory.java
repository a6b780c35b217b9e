package io.ferry.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Page;
import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The export records: state changes of a run, and the views the API lists and shows. */
@ApplicationScoped
public class ExportHistory {
    private static final String COLUMNS = "e.id, o.label, e.scope_type, e.scope::text, e.type, e.base_export_id, "
            + "e.base_manifest_sha256, e.base_since, e.destination, e.format, e.compression, e.volume_size, e.location, e.status, "
            + "e.unit_count, e.blob_count, e.blob_bytes, e.total_size, e.manifest_sha256, e.error, e.task_id, e.created_by, "
            + "e.created_at, e.finished_at, e.base_receipt_id, e.delta_blobs, e.delta_saved_bytes from export e join organization o on o.id = e.organization_id";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Transactional
    public void location(long id, String location) {
        Sql.work(em, c -> Sql.update(c, "update export set location = ? where id = ?", location, id));
    }

    @Transactional
    public void volume(long id, int number, String name, long size, String sha256) {
        Sql.work(em, c -> Sql.update(c, "insert into export_volume (export_id, number, name, size, sha256, blob_count) values "
                + "(?, ?, ?, ?, ?, (select count(*) from export_blob where export_id = ? and volume = ?) "
                + "+ (select count(*) from export_part where export_id = ? and volume = ?))", id, number, name, size, sha256,
                id, number, id, number));
    }

    @Transactional
    public void complete(long id, long totalSize, String manifestSha256) {
        Sql.work(em, c -> Sql.update(c, "update export set status = 'complete', total_size = ?, manifest_sha256 = ?, "
                + "finished_at = now() where id = ?", totalSize, manifestSha256, id));
    }

    @Transactional
    public void fail(long id, String status, String error) {
        Sql.work(em, c -> Sql.update(c, "update export set status = ?, error = ?, finished_at = now() where id = ?", status, error, id));
    }

    @Transactional
    public ExportDtos.ExportView get(long orgId, long id) {
        return get(orgId, id, null);
    }

    /** One export; with {@code owner}, only one that user started (others answer as if they did not exist). */
    @Transactional
    public ExportDtos.ExportView get(long orgId, long id, String owner) {
        List<ExportDtos.ExportView> v = owner == null ? query(" where e.organization_id = ? and e.id = ?", List.of(orgId, id), 0, 1)
                : query(" where e.organization_id = ? and e.id = ? and e.created_by = ?", List.of(orgId, id, owner), 0, 1);
        if (v.isEmpty()) {
            throw new FerryException(ErrorCode.EXPORT_NOT_FOUND, "Export " + id + " does not exist in this organization.", "id");
        }
        return v.get(0);
    }

    @Transactional
    public Page<ExportDtos.ExportView> list(long orgId, String scopeKind, String status, String owner, int page, int size) {
        StringBuilder where = new StringBuilder(" where e.organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (owner != null) {
            where.append(" and e.created_by = ?");
            params.add(owner);
        }
        if (scopeKind != null) {
            where.append(" and e.scope_type = ?");
            params.add(scopeKind);
        }
        if (status != null) {
            where.append(" and e.status = ?");
            params.add(status);
        }
        long total = Sql.work(em, c -> Sql.longs(c, "select count(*) from export e" + where, params.toArray())[0]);
        return new Page<>(query(where.toString(), params, page, size), page, size, total);
    }

    private List<ExportDtos.ExportView> query(String where, List<Object> params, int page, int size) {
        List<Object> all = new ArrayList<>(params);
        all.add(size);
        all.add((long) page * size);
        return Sql.work(em, c -> Sql.rows(c, "select " + COLUMNS + where + " order by e.id desc limit ? offset ?",
                rs -> view(c, rs), all.toArray()));
    }

    private ExportDtos.ExportView view(java.sql.Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        Map<String, Object> scope;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(rs.getString(4), Map.class);
            scope = m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Long baseId = (Long) rs.getObject(6);
        OffsetDateTime since = rs.getObject(8, OffsetDateTime.class);
        Long receiptId = (Long) rs.getObject(25);
        ExportDtos.BaseView base = baseId == null && since == null && receiptId == null ? null
                : new ExportDtos.BaseView(baseId, rs.getString(7), since, receiptId);
        List<ExportDtos.VolumeView> volumes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select number, name, size, sha256, blob_count from export_volume "
                + "where export_id = ? order by number")) {
            ps.setLong(1, id);
            try (ResultSet v = ps.executeQuery()) {
                while (v.next()) {
                    volumes.add(new ExportDtos.VolumeView(v.getInt(1), v.getString(2), v.getLong(3), v.getString(4), v.getLong(5)));
                }
            }
        }
        return new ExportDtos.ExportView(id, rs.getString(2), rs.getString(3), scope, rs.getString(5), base, rs.getString(9),
                rs.getString(10), rs.getString(11), (Long) rs.getObject(12), rs.getString(13), rs.getString(14), rs.getLong(15),
                rs.getLong(16), rs.getLong(17), (Long) rs.getObject(18), rs.getLong(26) == 0 ? null : rs.getLong(26),
                rs.getLong(26) == 0 ? null : rs.getLong(27), rs.getString(19), volumes, rs.getString(20),
                rs.getObject(21, UUID.class), rs.getString(22), rs.getObject(23, OffsetDateTime.class),
                rs.getObject(24, OffsetDateTime.class));
    }

    /** Location of an export (null when streamed or never written). */
    @Transactional
    public String locationOf(long id) {
        return Sql.work(em, c -> Sql.firstString(c, "select location from export where id = ?", id));
    }

    @Transactional
    public void delete(long id) {
        Sql.work(em, c -> Sql.update(c, "delete from export where id = ?", id));
    }

    /** Exports left running by a server that stopped (their task is no longer running): id and location. */
    @Transactional
    public List<Object[]> orphaned() {
        return Sql.work(em, c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select e.id, e.location from export e left join task t on t.id = e.task_id "
                    + "where e.status = 'running' and (t.id is null or t.state not in ('running', 'waiting')) "
                    + "and e.task_id is not null")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            return out;
        });
    }

    /**
     * Exports the retention settings let go: beyond the newest {@code keepLast} per scope and destination, or
     * finished before {@code olderThan}; never the newest complete export of a scope and destination.
     */
    @Transactional
    public List<Object[]> expired(Integer keepLast, OffsetDateTime olderThan) {
        return Sql.work(em, c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, location from (select id, location, finished_at, "
                    + "row_number() over (partition by organization_id, scope_key, destination order by id desc) as rank "
                    + "from export where status = 'complete') x where rank > 1 and ((? and rank > ?) or (? and finished_at < ?))")) {
                Sql.bind(ps, keepLast != null, keepLast == null ? 0 : keepLast, olderThan != null,
                        olderThan == null ? OffsetDateTime.now() : olderThan);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            return out;
        });
    }
}
