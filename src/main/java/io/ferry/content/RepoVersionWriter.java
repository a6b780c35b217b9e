package io.ferry.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.content.type.UnitDraft;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Turns a change (units to add, paths to remove, or a full list to mirror) into a new immutable
 * repository version with set-based SQL. The change is first streamed into {@code content_staging}
 * with one COPY ({@link StagingCopy}), so a change of 100,000 units costs a handful of statements,
 * never one statement per unit and never one with thousands of parameters.
 * Callers run it inside their transaction (a failure rolls the staging back with everything else);
 * the repository row is locked so versions never race.
 */
@ApplicationScoped
public class RepoVersionWriter {
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /** How staged units combine with the current content. */
    public enum Mode {
        /** Add or replace the staged paths, remove paths staged for removal, keep the rest. */
        MODIFY,
        /** The staged units become the whole content. */
        MIRROR
    }

    /** A new version and what changed; {@code number} is empty when nothing changed. */
    public record Result(OptionalInt number, int latest, long added, long removed) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Result apply(long repositoryId, String contentType, Iterator<UnitDraft> adds, Iterator<String> removals, Mode mode,
                        String user) {
        UUID batch = UUID.randomUUID();
        return Sql.work(em, c -> {
            int latest = lockLatest(c, repositoryId);
            int staged = stage(c, batch, adds, removals);
            Result r = applyStaged(c, repositoryId, contentType, batch, latest, mode, user, staged >= ANALYZE_AT);
            Sql.update(c, "delete from content_staging where batch_id = ?", batch);
            return r;
        });
    }

    private int lockLatest(Connection c, long repositoryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select latest_version from repository where id = ? for update")) {
            ps.setLong(1, repositoryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new FerryException(ErrorCode.REPOSITORY_NOT_FOUND, "The repository was deleted meanwhile.", "repository");
                }
                return rs.getInt(1);
            }
        }
    }

    /**
     * Transaction timeout (seconds) for changes of unbounded size (a sync, a bulk upload): as long as an import's, since
     * recording a million units takes minutes, not the default 60 s.
     */
    public static final int LARGE_CHANGE_TIMEOUT_SECONDS = 6 * 3600;

    /** Staged rows from which the planner is given fresh statistics (see {@link #stage}). */
    static final int ANALYZE_AT = 2000;

    /**
     * A large change (a sync, an import, a bulk upload) is planned on fresh statistics: ANALYZE of the staging table once
     * it is filled and of the unit tables once the new units are in, in this transaction. Their statistics (autovacuum's,
     * up to a minute old) may say "empty", and a plan made for an empty table (a nested loop over a sequential scan) is
     * quadratic in the change: 100,000 staged rows ran past the transaction timeout.
     */
    private int stage(Connection c, UUID batch, Iterator<UnitDraft> adds, Iterator<String> removals) throws SQLException {
        try (StagingCopy copy = new StagingCopy(c, batch)) {
            while (adds != null && adds.hasNext()) {
                UnitDraft u = adds.next();
                copy.add(u.relativePath(), u.sha256(), u.size(), toJson(u));
            }
            while (removals != null && removals.hasNext()) {
                copy.remove(removals.next());
            }
            return copy.finish();
        }
    }

    private Result applyStaged(Connection c, long repo, String type, UUID batch, int latest, Mode mode, String user,
                               boolean analyze) throws SQLException {
        String dup = Sql.firstString(c, "select relative_path from content_staging where batch_id = ? group by relative_path "
                + "having count(*) > 1 limit 1", batch);
        if (dup != null) {
            throw new FerryException(ErrorCode.INVALID_RELATIVE_PATH, "Relative path '" + dup + "' appears more than once in "
                    + "this change; each path holds one unit.", "relativePath");
        }
        try (PreparedStatement ps = c.prepareStatement("select s.relative_path from content_staging s where s.batch_id = ? "
                + "and s.op = 'r' and not exists (select 1 from repository_content rc where rc.repository_id = ? "
                + "and rc.version_removed is null and rc.relative_path = s.relative_path) limit 1")) {
            ps.setObject(1, batch);
            ps.setLong(2, repo);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new FerryException(ErrorCode.CONTENT_NOT_FOUND, "The repository holds nothing at '" + rs.getString(1)
                            + "'; nothing was removed.", "relativePaths");
                }
            }
        }
        if (analyze) {
            execute(c, "analyze content_staging");
        }
        Sql.update(c, "insert into content_unit (content_type, relative_path, sha256, size, metadata) select ?, relative_path, "
                + "sha256, size, metadata from content_staging where batch_id = ? and op = 'a' "
                + "on conflict (content_type, relative_path, sha256, md5(metadata::text)) do nothing", type, batch);
        if (analyze) {
            execute(c, "analyze content_unit, repository_content");
            // and planned for these values: after five runs the driver's prepared statements get a generic plan, which
            // for a still-empty repository_content is a nested loop re-scanning the rows this statement inserts
            // (quadratic: minutes at 100,000 units); custom plans see the staged row counts
            execute(c, "set local plan_cache_mode = force_custom_plan");
        }
        Sql.update(c, "update content_staging s set unit_id = u.id from content_unit u where s.batch_id = ? and s.op = 'a' "
                + "and u.content_type = ? and u.relative_path = s.relative_path and u.sha256 = s.sha256 "
                + "and md5(u.metadata::text) = md5(s.metadata::text)", batch, type);
        int next = latest + 1;
        // driven by the staged rows (index lookups), never by the repository's whole content
        long[] removed = Sql.longs(c, "with r as (update repository_content rc set version_removed = ? from content_staging s "
                + "where s.batch_id = ? and rc.repository_id = ? and rc.version_removed is null and rc.relative_path = s.relative_path "
                + "and (s.op = 'r' or s.unit_id <> rc.unit_id) returning rc.unit_id) "
                + "select count(*), coalesce(sum(u.size), 0) from r join content_unit u on u.id = r.unit_id", next, batch, repo);
        if (mode == Mode.MIRROR) {
            long[] gone = Sql.longs(c, "with r as (update repository_content rc set version_removed = ? where rc.repository_id = ? "
                    + "and rc.version_removed is null and not exists (select 1 from content_staging s where s.batch_id = ? "
                    + "and s.relative_path = rc.relative_path) returning rc.unit_id) "
                    + "select count(*), coalesce(sum(u.size), 0) from r join content_unit u on u.id = r.unit_id", next, repo, batch);
            removed = new long[] {removed[0] + gone[0], removed[1] + gone[1]};
        }
        // a staged path the repository still holds (same unit: not replaced above) is not added again; marked in the staging
        // (unit_id cleared) before the insert, so the insert never reads the table it writes: an anti-join against
        // repository_content planned for an empty table (ANALYZE says so before a first import) is a nested loop whose
        // inner scan re-reads every row the insert has added so far (quadratic: 40 s of a 100,000-unit import)
        Sql.update(c, "update content_staging s set unit_id = null from repository_content rc where s.batch_id = ? and s.op = 'a' "
                + "and rc.repository_id = ? and rc.version_removed is null and rc.relative_path = s.relative_path", batch, repo);
        long[] added = Sql.longs(c, "with a as (insert into repository_content (repository_id, unit_id, relative_path, "
                + "version_added) select ?, s.unit_id, s.relative_path, ? from content_staging s where s.batch_id = ? and s.op = 'a' "
                + "and s.unit_id is not null returning unit_id) "
                + "select count(*), coalesce(sum(u.size), 0) from a join content_unit u on u.id = a.unit_id", repo, next, batch);
        if (added[0] == 0 && removed[0] == 0) {
            return new Result(OptionalInt.empty(), latest, 0, 0);
        }
        Sql.update(c, "insert into repository_version (repository_id, number, unit_count, total_size, added_count, removed_count, "
                + "created_by) select ?, ?, unit_count + ? - ?, total_size + ? - ?, ?, ?, ? from repository_version "
                + "where repository_id = ? and number = ?", repo, next, added[0], removed[0], added[1], removed[1], added[0],
                removed[0], user, repo, latest);
        Sql.update(c, "update repository set latest_version = ?, updated_at = now() where id = ?", next, repo);
        return new Result(OptionalInt.of(next), next, added[0], removed[0]);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String toJson(UnitDraft u) {
        try {
            return json.writeValueAsString(u.metadata() == null ? java.util.Map.of() : u.metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
