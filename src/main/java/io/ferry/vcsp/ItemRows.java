package io.ferry.vcsp;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The rows a library's items are made of, streamed from PostgreSQL in item order (a cursor, never a whole result in
 * memory). A folder that directly holds an {@code .ovf} is one item with every file directly in it; every other file
 * is an item of its own. Removed rows up to the version are included: an OVF item's version counts a file leaving it.
 */
@ApplicationScoped
public class ItemRows {
    /** One row: {@code removedIn} is null for a file the version holds, else the version that removed it. */
    record Row(String item, boolean ovf, String path, String sha256, long size, int addedIn, Integer removedIn) {
    }

    @FunctionalInterface
    interface Consumer {
        void accept(Row row) throws IOException;
    }

    private static final String ROWS = "with rows as (select rc.relative_path p, u.sha256, u.size, rc.version_added a, "
            + "case when rc.version_removed <= ? then rc.version_removed end r, "
            + "regexp_replace(rc.relative_path, '/?[^/]*$', '') dir from repository_content rc join content_unit u on u.id = rc.unit_id "
            + "where rc.repository_id = ? and rc.version_added <= ? and rc.relative_path not in ('lib.json', 'items.json') %s), "
            + "marked as (select *, bool_or(r is null and lower(p) like '%%.ovf') over (partition by dir) ovf from rows) "
            + "select case when ovf then dir else p end item, ovf, p, sha256, size, a, r from marked %s order by item, p, a";

    @Inject
    AgroalDataSource dataSource;

    /** Every row of the library, items in order. */
    void all(long repositoryId, int version, Consumer consumer) {
        stream(String.format(ROWS, "", ""), consumer, version, repositoryId, version);
    }

    /** The rows of one item ({@code key}: an OVF folder or a file's path). */
    void item(long repositoryId, int version, String key, Consumer consumer) {
        int slash = key.lastIndexOf('/');
        String parent = slash < 0 ? "" : key.substring(0, slash);
        stream(String.format(ROWS, "and regexp_replace(rc.relative_path, '/?[^/]*$', '') in (?, ?)",
                "where case when ovf then dir else p end = ?"), consumer, version, repositoryId, version, key, parent, key);
    }

    /** The last version up to {@code version} that changed anything: the library's version. */
    int changedIn(long repositoryId, int version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select coalesce(max(greatest("
                + "version_added, case when version_removed <= ? then version_removed else 0 end)), 0) from repository_content "
                + "where repository_id = ? and version_added <= ?")) {
            ps.setInt(1, version);
            ps.setLong(2, repositoryId);
            ps.setInt(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the library's version failed: " + e.getMessage(), e);
        }
    }

    OffsetDateTime created(long repositoryId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select created_at from repository where id = ?")) {
            ps.setLong(1, repositoryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class) : OffsetDateTime.now();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the repository failed: " + e.getMessage(), e);
        }
    }

    private void stream(String sql, Consumer consumer, Object... params) {
        io.ferry.common.Cursor.read(dataSource, "the library's items", sql, rs -> {
            int r = rs.getInt(7);
            Integer removed = rs.wasNull() ? null : r;
            consumer.accept(new Row(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6),
                    removed));
        }, params);
    }
}
