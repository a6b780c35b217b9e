package io.ferry.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Page;
import io.ferry.common.Sql;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.UnitMetadata;
import io.ferry.content.type.UnitRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads repository versions and their content. A row of {@code repository_content} belongs to version
 * N when {@code version_added <= N and (version_removed is null or version_removed > N)}; listings
 * are paged, and whole-version walks use keyset pages so no result set is ever held whole.
 */
@ApplicationScoped
public class RepoContentQueries {
    static final int WALK_PAGE = 5000;
    private static final String IN_VERSION = "rc.repository_id = ? and rc.version_added <= ? "
            + "and (rc.version_removed is null or rc.version_removed > ?)";
    private static final String UNIT_COLUMNS = "u.id, rc.relative_path, u.sha256, u.size, u.metadata::text, rc.version_added, "
            + "u.created_at from repository_content rc join content_unit u on u.id = rc.unit_id";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Transactional
    public RepoVersionDtos.VersionView version(RepoEntity repo, int number) {
        List<RepoVersionDtos.VersionView> v = versions(repo.id, "number = ?", 0, 1, number);
        if (v.isEmpty()) {
            throw new FerryException(ErrorCode.REPOSITORY_VERSION_NOT_FOUND, "Repository '" + repo.label + "' has no version "
                    + number + "; its latest is " + repo.latestVersion + ".", "version");
        }
        return v.get(0);
    }

    @Transactional
    public Page<RepoVersionDtos.VersionView> versions(RepoEntity repo, int page, int size) {
        long total = Sql.work(em, c -> Sql.longs(c, "select count(*) from repository_version where repository_id = ?", repo.id)[0]);
        return new Page<>(versions(repo.id, "true", page, size), page, size, total);
    }

    private List<RepoVersionDtos.VersionView> versions(long repoId, String where, int page, int size, Object... params) {
        return Sql.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("select number, unit_count, total_size, added_count, removed_count, "
                    + "created_by, created_at from repository_version where repository_id = ? and " + where
                    + " order by number desc limit ? offset ?")) {
                int i = 1;
                ps.setLong(i++, repoId);
                for (Object p : params) {
                    ps.setObject(i++, p);
                }
                ps.setInt(i++, size);
                ps.setLong(i, (long) page * size);
                List<RepoVersionDtos.VersionView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RepoVersionDtos.VersionView(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
                    }
                }
                return out;
            }
        });
    }

    /** One page of a version's units in relative-path order, optionally those under a path prefix. */
    @Transactional
    public Page<RepoVersionDtos.UnitView> units(RepoEntity repo, int number, String prefix, ContentType type, int page, int size) {
        version(repo, number);
        String filter = prefix == null || prefix.isEmpty() ? "" : " and starts_with(rc.relative_path, ?)";
        Object[] params = filter.isEmpty() ? new Object[] {repo.id, number, number} : new Object[] {repo.id, number, number, prefix};
        return Sql.work(em, c -> {
            long total = Sql.longs(c, "select count(*) from repository_content rc where " + IN_VERSION + filter, params)[0];
            List<RepoVersionDtos.UnitView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + UNIT_COLUMNS + " where " + IN_VERSION + filter
                    + " order by rc.relative_path limit ? offset ?")) {
                Sql.bind(ps, params);
                ps.setInt(params.length + 1, size);
                ps.setLong(params.length + 2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UnitRow u = unit(rs);
                        items.add(RepoVersionDtos.UnitView.of(u, type.describe(u)));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        });
    }

    /** What changed from version {@code base} to version {@code number}: added units, then removed ones. */
    @Transactional
    public Page<RepoVersionDtos.ChangeView> diff(RepoEntity repo, int number, int base, int page, int size) {
        version(repo, number);
        version(repo, base);
        int lo = Math.min(base, number);
        int hi = Math.max(base, number);
        String added = "select 'added' as change, rc.relative_path, u.sha256, u.size, u.metadata::text as metadata "
                + "from repository_content rc join content_unit u on u.id = rc.unit_id where rc.repository_id = ? "
                + "and rc.version_added > ? and rc.version_added <= ? and (rc.version_removed is null or rc.version_removed > ?)";
        String removed = "select 'removed', rc.relative_path, u.sha256, u.size, u.metadata::text from repository_content rc "
                + "join content_unit u on u.id = rc.unit_id where rc.repository_id = ? and rc.version_added <= ? "
                + "and rc.version_removed > ? and rc.version_removed <= ?";
        // seen from the older version: rows of the newer one not in the older are additions, and the reverse
        boolean forward = number >= base;
        Object[] params = {repo.id, lo, hi, hi, repo.id, lo, lo, hi};
        String union = "(" + added + ") union all (" + removed + ")";
        return Sql.work(em, c -> {
            long total = Sql.longs(c, "select count(*) from (" + union + ") d", params)[0];
            List<RepoVersionDtos.ChangeView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select * from (" + union + ") d order by 1, 2 limit ? offset ?")) {
                Sql.bind(ps, params);
                ps.setInt(params.length + 1, size);
                ps.setLong(params.length + 2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String change = rs.getString(1);
                        if (!forward) {
                            change = change.equals("added") ? "removed" : "added";
                        }
                        items.add(new RepoVersionDtos.ChangeView(change, rs.getString(2), rs.getString(3), rs.getLong(4),
                                UnitMetadata.fromJson(json, rs.getString(5))));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        });
    }

    /** The unit at a path in a version, if any. */
    @Transactional
    public Optional<UnitRow> unitAt(long repoId, int number, String relativePath) {
        return Sql.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + UNIT_COLUMNS + " where " + IN_VERSION
                    + " and rc.relative_path = ?")) {
                Sql.bind(ps, repoId, number, number, relativePath);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(unit(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The next keyset page of a version's units after {@code afterPath} (null for the first). */
    @Transactional
    public List<UnitRow> walkPage(long repoId, int number, String afterPath, int limit) {
        return Sql.work(em, c -> {
            String after = afterPath == null ? "" : " and rc.relative_path > ?";
            try (PreparedStatement ps = c.prepareStatement("select " + UNIT_COLUMNS + " where " + IN_VERSION + after
                    + " order by rc.relative_path limit ?")) {
                int i = 1;
                ps.setLong(i++, repoId);
                ps.setInt(i++, number);
                ps.setInt(i++, number);
                if (afterPath != null) {
                    ps.setString(i++, afterPath);
                }
                ps.setInt(i, limit);
                List<UnitRow> out = new ArrayList<>(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(unit(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Every unit of a version in relative-path order, a keyset page per transaction. */
    public void walk(long repoId, int number, ContentType.UnitConsumer consumer) throws IOException {
        String after = null;
        while (true) {
            List<UnitRow> page = walkPage(repoId, number, after, WALK_PAGE);
            for (UnitRow u : page) {
                consumer.accept(u);
            }
            if (page.size() < WALK_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).relativePath();
        }
    }

    private UnitRow unit(ResultSet rs) throws SQLException {
        return new UnitRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), UnitMetadata.fromJson(json, rs.getString(5)), rs.getInt(6),
                rs.getObject(7, OffsetDateTime.class));
    }
}
