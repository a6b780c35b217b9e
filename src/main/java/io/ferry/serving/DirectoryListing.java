package io.ferry.serving;

import io.agroal.api.AgroalDataSource;
import io.ferry.common.value.UrlPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A plain HTML index of one directory of a repository version, so that {@code wget -r} and a browser can walk it
 * (PULP_MANIFEST stays the machine's index). Streamed: the paths below the directory come from an index range in
 * path order, and a subdirectory is one line however many files it holds.
 */
@ApplicationScoped
public class DirectoryListing {
    @Inject
    AgroalDataSource dataSource;

    /** Whether the version holds anything below {@code dir} ("" for the top, else without the trailing slash). */
    boolean exists(PublishedRepository repo, String dir) {
        int[] n = {0};
        walk(repo, dir, 1, (name, directory, size) -> n[0]++);
        return n[0] > 0 || dir.isEmpty();
    }

    void write(PublishedRepository repo, String dir, String title, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of " + html(title) + "</title></head>\n<body><h1>Index of "
                + html(title) + "</h1>\n<pre>\n");
        if (!dir.isEmpty()) {
            w.write("<a href=\"../\">../</a>\n");
        }
        walk(repo, dir, 0, (name, directory, size) -> {
            String href = UrlPath.encodeSegment(name) + (directory ? "/" : "");
            w.write("<a href=\"" + href + "\">" + html(name + (directory ? "/" : "")) + "</a>" + (directory ? "" : "  " + size) + "\n");
        });
        w.write("</pre>\n</body></html>\n");
        w.flush();
    }

    @FunctionalInterface
    interface Entry {
        void accept(String name, boolean directory, long size) throws IOException;
    }

    private void walk(PublishedRepository repo, String dir, int limit, Entry entry) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        String sql = "select rc.relative_path, u.size from repository_content rc join content_unit u on u.id = rc.unit_id "
                + "where rc.repository_id = ? and rc.version_added <= ? and (rc.version_removed is null or rc.version_removed > ?) "
                + (prefix.isEmpty() ? "" : "and rc.relative_path > ? and rc.relative_path < ? ") + "order by rc.relative_path"
                + (limit > 0 ? " limit " + limit : "");
        Object[] params = prefix.isEmpty() ? new Object[] {repo.repositoryId(), repo.version(), repo.version()}
                : new Object[] {repo.repositoryId(), repo.version(), repo.version(), prefix, dir + "0"}; // '0' follows '/'
        String[] lastDir = {null};
        io.ferry.common.Cursor.read(dataSource, "the directory " + prefix, sql, rs -> {
            String rest = rs.getString(1).substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                entry.accept(rest, false, rs.getLong(2));
            } else if (!rest.substring(0, slash).equals(lastDir[0])) {
                lastDir[0] = rest.substring(0, slash); // below it, paths sort together: one line for them all
                entry.accept(lastDir[0], true, 0);
            }
        }, params);
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
