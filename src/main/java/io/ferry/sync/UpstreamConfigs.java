package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.common.value.Label;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** An organization's upstream: stored once per organization, validated on the way in. */
@ApplicationScoped
class UpstreamConfigs {
    static final int MAX_CONTENT_VIEWS = 100;

    @Inject
    EntityManager em;

    /** A stored configuration. */
    record Config(long organizationId, String url, String upstreamOrganization, String follow, String environment,
                  List<String> contentViews, boolean acceptPush, String updatedBy, OffsetDateTime updatedAt) {
    }

    void save(long orgId, SyncDtos.Configure c, String user) {
        if (c == null) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give url, upstreamOrganization and follow.", "url");
        }
        String url = UpstreamClient.url(c.url()).toString();
        String upstreamOrg = Label.of(c.upstreamOrganization(), "upstreamOrganization").value();
        String follow = c.follow() == null ? "" : c.follow();
        String env = null;
        List<String> cvs = List.of();
        switch (follow) {
            case "library" -> {
            }
            case "environment" -> env = Label.of(c.environment(), "environment").value();
            case "content-views" -> {
                if (c.contentViews() == null || c.contentViews().isEmpty() || c.contentViews().size() > MAX_CONTENT_VIEWS) {
                    throw new FerryException(ErrorCode.VALIDATION_FAILED, "follow content-views needs 1-" + MAX_CONTENT_VIEWS
                            + " content view labels (--content-view).", "contentViews");
                }
                cvs = c.contentViews().stream().map(v -> Label.of(v, "contentViews").value()).distinct().toList();
            }
            default -> throw new FerryException(ErrorCode.VALIDATION_FAILED, "follow must be library, environment or "
                    + "content-views.", "follow");
        }
        String e = env;
        String[] views = cvs.toArray(String[]::new);
        Sql.work(em, conn -> {
            Array arr = conn.createArrayOf("text", views);
            return Sql.update(conn, "insert into upstream_config (organization_id, url, upstream_organization, follow, environment, "
                    + "content_views, accept_push, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (organization_id) do update "
                    + "set url = excluded.url, upstream_organization = excluded.upstream_organization, follow = excluded.follow, "
                    + "environment = excluded.environment, content_views = excluded.content_views, accept_push = excluded.accept_push, "
                    + "updated_by = excluded.updated_by, updated_at = now()", orgId, url, upstreamOrg, follow, e, arr,
                    Boolean.TRUE.equals(c.acceptPush()), user);
        });
    }

    Config find(long orgId) {
        List<Config> rows = Sql.work(em, c -> Sql.rows(c, "select organization_id, url, upstream_organization, follow, environment, "
                + "content_views, accept_push, updated_by, updated_at from upstream_config where organization_id = ?", rs -> new Config(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Arrays.asList((String[]) rs.getArray(6).getArray()), rs.getBoolean(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class)), orgId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    Config require(long orgId, String orgLabel) {
        Config c = find(orgId);
        if (c == null) {
            throw new FerryException(ErrorCode.SYNC_NOT_CONFIGURED, "Organization '" + orgLabel + "' follows no upstream. Configure "
                    + "one: ferry upstream configure --organization " + orgLabel + " --url https://UPSTREAM:8443 "
                    + "--upstream-organization ORG --follow library");
        }
        return c;
    }

    boolean delete(long orgId) {
        return Sql.work(em, c -> Sql.update(c, "delete from upstream_config where organization_id = ?", orgId)) > 0;
    }
}
