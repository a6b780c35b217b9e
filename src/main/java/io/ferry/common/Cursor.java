package io.ferry.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A query read row by row through a server-side cursor (PostgreSQL streams with a fetch size only inside a
 * transaction), on a connection of its own: for generated documents that must never hold a whole result.
 */
public final class Cursor {
    static final int FETCH = 2000;

    @FunctionalInterface
    public interface Rows {
        void accept(ResultSet rs) throws SQLException, IOException;
    }

    private Cursor() {
    }

    /** Runs {@code sql} with {@code params} and hands every row to {@code rows}; {@code what} names it in errors. */
    public static void read(DataSource dataSource, String what, String sql, Rows rows, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.accept(rs);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + what + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
