package io.ferry.publication;

import io.agroal.api.AgroalDataSource;
import io.ferry.serving.PublishedRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Set-based questions about a repository version's tree: its size, and which of a page of bucket keys it no longer holds. */
@ApplicationScoped
public class TreeQueries {
    private static final String IN_VERSION = "rc.repository_id = ? and rc.version_added <= ? and (rc.version_removed is null "
            + "or rc.version_removed > ?)";

    @Inject
    AgroalDataSource dataSource;

    /** {files, bytes} of the version. */
    long[] size(PublishedRepository repo) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*), coalesce(sum(u.size), 0) "
                + "from repository_content rc join content_unit u on u.id = rc.unit_id where " + IN_VERSION)) {
            bind(ps, repo, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the repository version's size failed: " + e.getMessage(), e);
        }
    }

    /** Of {@code paths}, those that are no file of the version. */
    List<String> notFiles(PublishedRepository repo, List<String> paths) {
        return select(repo, paths, "rc.relative_path = k");
    }

    /**
     * Of {@code items} (an item.json's folder, "" for the top), those that are no item: neither a file nor a folder
     * that directly holds an .ovf. The version's OVF folders are found in one pass per call, not per key.
     */
    List<String> notItems(PublishedRepository repo, List<String> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("with ovf as (select distinct "
                + "regexp_replace(rc.relative_path, '/?[^/]*$', '') d from repository_content rc where " + IN_VERSION
                + " and lower(rc.relative_path) like '%.ovf') select k from unnest(?) k where k not in (select d from ovf) "
                + "and not exists (select 1 from repository_content rc where " + IN_VERSION + " and rc.relative_path = k)")) {
            bind(ps, repo, 1);
            ps.setArray(4, c.createArrayOf("text", items.toArray()));
            bind(ps, repo, 5);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("comparing the bucket with the repository version failed: " + e.getMessage(), e);
        }
    }

    private List<String> select(PublishedRepository repo, List<String> keys, String match) {
        if (keys.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select k from unnest(?) k where not "
                + "exists (select 1 from repository_content rc where " + IN_VERSION + " and " + match + ")")) {
            Array a = c.createArrayOf("text", keys.toArray());
            ps.setArray(1, a);
            bind(ps, repo, 2);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("comparing the bucket with the repository version failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, PublishedRepository repo, int from) throws SQLException {
        ps.setLong(from, repo.repositoryId());
        ps.setInt(from + 1, repo.version());
        ps.setInt(from + 2, repo.version());
    }
}
