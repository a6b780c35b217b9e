package io.ferry.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Page;
import io.ferry.common.Sql;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

/** Import records: started, succeeded (inside the import's own transaction), failed; listed and shown. */
@ApplicationScoped
public class ImportHistory {
    private static final String COLUMNS = "i.id, o.label, i.status, i.location, i.format, i.source_server_id, i.source_server_name, "
            + "i.source_version, i.source_export_id, i.manifest_sha256, i.type, i.base_export_id, i.base_manifest_sha256, "
            + "i.base_since, i.scope_kind, i.scope::text, i.volumes, i.units, i.blobs, i.bytes, i.blobs_stored, i.bytes_stored, "
            + "i.result::text, i.error_code, i.error_detail, i.task_id, i.created_by, i.started_at, i.finished_at "
            + "from import_record i join organization o on o.id = i.organization_id";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long start(long orgId, String location, String format, Manifest m, UUID taskId, String user) {
        ManifestHeader h = m.header();
        return Sql.work(em, c -> Sql.longs(c, "insert into import_record (organization_id, status, location, format, source_server_id, "
                + "source_server_name, source_version, source_export_id, manifest_sha256, type, base_export_id, base_manifest_sha256, "
                + "base_since, scope_kind, scope, volumes, units, blobs, bytes, task_id, created_by) values (?, 'running', ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?) returning id", orgId, location, format,
                h.sourceServerId(), h.sourceServerName(), h.sourceVersion(), h.exportId(), m.sha256(), h.type(), h.baseExportId(),
                h.baseManifestSha256(), h.baseSince(), h.scopeKind(), write(h.scope()), m.volumes(), m.units(), m.blobs(),
                m.carriedBytes(), taskId, user)[0]);
    }

    /** Marks the record succeeded; runs inside the import's content transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void succeed(long id, long blobsStored, long bytesStored, Map<String, Object> result) {
        Sql.work(em, c -> Sql.update(c, "update import_record set status = 'succeeded', blobs_stored = ?, bytes_stored = ?, "
                + "result = cast(? as jsonb), finished_at = now() where id = ?", blobsStored, bytesStored, write(result), id));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(long id, long blobsStored, long bytesStored, String code, String detail) {
        Sql.work(em, c -> Sql.update(c, "update import_record set status = 'failed', blobs_stored = ?, bytes_stored = ?, "
                + "error_code = ?, error_detail = ?, finished_at = now() where id = ?", blobsStored, bytesStored, code, detail, id));
    }

    /** The succeeded import of that export into the organization, if any. */
    @Transactional
    public Long succeeded(long orgId, String serverId, long exportId, String manifestSha256) {
        return Sql.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from import_record where organization_id = ? and status = "
                    + "'succeeded' and source_server_id = ? and source_export_id = ? and (cast(? as text) is null or manifest_sha256 = ?)")) {
                Sql.bind(ps, orgId, serverId, exportId, manifestSha256, manifestSha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
    }

    @Transactional
    public ImportDtos.ImportView get(long orgId, long id) {
        return get(orgId, id, null);
    }

    /** One import; with {@code owner}, only one that user started (others answer as if they did not exist). */
    @Transactional
    public ImportDtos.ImportView get(long orgId, long id, String owner) {
        List<ImportDtos.ImportView> v = owner == null ? query(" where i.organization_id = ? and i.id = ?", List.of(orgId, id), 0, 1)
                : query(" where i.organization_id = ? and i.id = ? and i.created_by = ?", List.of(orgId, id, owner), 0, 1);
        if (v.isEmpty()) {
            String org = io.ferry.organization.OrganizationRepository.labelOf(em, orgId);
            throw new FerryException(ErrorCode.IMPORT_NOT_FOUND, "Import " + id + " does not exist in organization '" + org
                    + "'. List imports with: ferry content-import list --organization " + org, "id");
        }
        return v.get(0);
    }

    @Transactional
    public Page<ImportDtos.ImportView> list(long orgId, String status, String owner, int page, int size) {
        String where = " where i.organization_id = ?" + (status == null ? "" : " and i.status = ?")
                + (owner == null ? "" : " and i.created_by = ?");
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (status != null) {
            params.add(status);
        }
        if (owner != null) {
            params.add(owner);
        }
        long total = Sql.work(em, c -> Sql.longs(c, "select count(*) from import_record i" + where, params.toArray())[0]);
        return new Page<>(query(where, params, page, size), page, size, total);
    }

    /**
     * Records left running by a server that stopped: their task ended without them. Runs after the task
     * executor has marked the tasks of the previous run interrupted.
     */
    void recover(@Observes @jakarta.annotation.Priority(5000) StartupEvent ev) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> Sql.update(c,
                "update import_record i set status = 'failed', error_code = ?, error_detail = ?, finished_at = now() "
                + "where i.status = 'running' and not exists (select 1 from task t where t.id = i.task_id and t.state in "
                + "('running', 'waiting'))", ErrorCode.TASK_INTERRUPTED.code(), "The server stopped during the import; "
                + "nothing was applied. Run the import again: blobs already verified are not read again.")));
    }

    private List<ImportDtos.ImportView> query(String where, List<Object> params, int page, int size) {
        List<Object> all = new ArrayList<>(params);
        all.add(size);
        all.add((long) page * size);
        return Sql.work(em, c -> Sql.rows(c, "select " + COLUMNS + where + " order by i.id desc limit ? offset ?",
                this::view, all.toArray()));
    }

    private ImportDtos.ImportView view(ResultSet rs) throws SQLException {
        Long baseId = (Long) rs.getObject(12);
        OffsetDateTime since = rs.getObject(14, OffsetDateTime.class);
        ImportDtos.BaseView base = baseId == null && since == null ? null
                : new ImportDtos.BaseView(baseId, rs.getString(13), since, null);
        String code = rs.getString(24);
        return new ImportDtos.ImportView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), (Long) rs.getObject(9), rs.getString(10), rs.getString(11), base,
                rs.getString(15), read(rs.getString(16)), (Integer) rs.getObject(17), (Long) rs.getObject(18),
                (Long) rs.getObject(19), (Long) rs.getObject(20), (Long) rs.getObject(21), (Long) rs.getObject(22),
                read(rs.getString(23)), code == null ? null : new ImportDtos.ErrorView(code, rs.getString(25)),
                rs.getObject(26, UUID.class), rs.getString(27), rs.getObject(28, OffsetDateTime.class),
                rs.getObject(29, OffsetDateTime.class));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String s) {
        if (s == null) {
            return null;
        }
        try {
            return json.readValue(s, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
