package io.ferry.content;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams a change's rows into {@code content_staging} with one {@code COPY … FROM STDIN (FORMAT csv)}: no bind
 * parameters and no statement per batch, a few hundred KiB buffered at a time, whatever the number of rows. Every value
 * is quoted (a path may hold commas, quotes or line breaks); an unquoted empty field is SQL NULL.
 */
final class StagingCopy implements AutoCloseable {
    private static final int FLUSH_AT = 1 << 18;

    private final CopyIn copy;
    private final String batch;
    private final StringBuilder rows = new StringBuilder(FLUSH_AT + 8192);
    private int count;
    private boolean ended;

    StagingCopy(Connection c, UUID batch) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy content_staging (batch_id, op, relative_path, sha256, "
                + "size, metadata) from stdin (format csv)");
        this.batch = batch.toString();
    }

    /** A unit to add. */
    void add(String relativePath, String sha256, long size, String metadataJson) throws SQLException {
        row('a', relativePath, sha256, Long.toString(size), metadataJson);
    }

    /** A path to remove. */
    void remove(String relativePath) throws SQLException {
        row('r', relativePath, null, null, null);
    }

    private void row(char op, String path, String sha256, String size, String metadata) throws SQLException {
        rows.append(batch).append(',').append(op).append(',');
        quoted(path);
        rows.append(',');
        quoted(sha256);
        rows.append(',');
        if (size != null) {
            rows.append(size);
        }
        rows.append(',');
        quoted(metadata);
        rows.append('\n');
        count++;
        if (rows.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void quoted(String value) {
        if (value == null) {
            return;
        }
        rows.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                rows.append('"');
            }
            rows.append(ch);
        }
        rows.append('"');
    }

    private void flush() throws SQLException {
        byte[] b = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(b, 0, b.length);
        rows.setLength(0);
    }

    /** Sends what is buffered and ends the COPY; answers the rows staged. */
    int finish() throws SQLException {
        flush();
        copy.endCopy();
        ended = true;
        return count;
    }

    /** An unfinished COPY (a failure while reading the change) is canceled, leaving the connection usable for the rollback. */
    @Override
    public void close() throws SQLException {
        if (!ended && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
