package io.ferry.common;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One page of a list filtered to the ids a caller may see, in the query: {@code id = any(?)} with the ids as one
 * array parameter (an index lookup per id; not one bind parameter per id, and not an array scan per row).
 */
public final class VisiblePage {
    private VisiblePage() {
    }

    /** The ids of one page (ordered by label) and the total. */
    public record Ids(List<Long> ids, long total) {
    }

    /** {@code where} is a condition on {@code table} with its parameters, or null. */
    public static Ids of(EntityManager em, String table, String where, List<Object> params, Set<Long> visible, int page, int size) {
        String condition = " from " + table + " where id = any(?)" + (where == null ? "" : " and " + where);
        return Sql.work(em, c -> {
            List<Object> all = new ArrayList<>();
            all.add(c.createArrayOf("bigint", visible.toArray(Long[]::new)));
            all.addAll(params);
            return page(c, condition, all, page, size);
        });
    }

    private static Ids page(java.sql.Connection c, String condition, List<Object> all, int page, int size)
            throws java.sql.SQLException {
        long total = Sql.longs(c, "select count(*)" + condition, all.toArray())[0];
        List<Object> paged = new ArrayList<>(all);
        paged.add((long) page * size);
        paged.add(size);
        // ordered by label with offset and limit, so an index on (organization_id, label) can stop at the page
        List<Long> ids = Sql.rows(c, "select id" + condition + " order by label offset ? limit ?", rs -> rs.getLong(1),
                paged.toArray());
        return new Ids(ids, total);
    }
}
