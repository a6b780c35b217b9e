package io.ferry.imports;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.content.RepoVersionWriter;
import io.ferry.contentview.ContentViewEntity;
import io.ferry.contentview.ContentViewVersionService;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.lifecycle.LifecycleEnvironmentService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a verified bundle in one transaction: products and repositories created by label where
 * missing, each repository's content mirrored from the manifest into a new repository version (units
 * streamed into the staging table with one COPY), and for a content view version an import-only content
 * view with the version number of the source, held by Library and optionally promoted. The import
 * record is marked succeeded in the same transaction, so either all of it is there or none.
 */
@ApplicationScoped
public class ImportApplier {
    /** Long enough for millions of units; the transaction only holds locks on what it changes. */
    static final Duration TIMEOUT = Duration.ofHours(6);

    @Inject
    io.ferry.system.Metrics metrics;
    @Inject
    EntityManager em;
    @Inject
    RepoVersionWriter writer;
    @Inject
    ImportPlanner planner;
    @Inject
    ImportHistory history;
    @Inject
    ContentViewVersionService versions;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    LifecycleEnvironmentService lifecycle;

    record Pinned(long repositoryId, String path, int version, boolean changed) {
    }

    public Map<String, Object> apply(long orgId, String orgLabel, Manifest m, List<Long> promoteTo, long recordId, String user,
                                     long blobsStored, long bytesStored) {
        return QuarkusTransaction.requiringNew().timeout((int) TIMEOUT.toSeconds()).call(() -> {
            Sql.work(em, c -> Sql.longs(c, "select id from organization where id = ? for update", orgId));
            ManifestHeader h = m.header();
            if (history.succeeded(orgId, h.sourceServerId(), h.exportId(), m.sha256()) != null) {
                throw new FerryException(ErrorCode.IMPORT_CONFLICT, "Export " + h.exportId() + " was imported into organization '"
                        + orgLabel + "' meanwhile by another import.", "path");
            }
            planner.requireNoConflicts(orgId, orgLabel, m);
            List<Pinned> pinned = repositories(orgId, m, user);
            Map<String, Object> result = new LinkedHashMap<>();
            List<Map<String, Object>> repos = new ArrayList<>();
            for (Pinned p : pinned) {
                repos.add(Map.of("repository", p.path(), "version", p.version(), "changed", p.changed()));
            }
            result.put("repositories", repos);
            result.put("units", m.units());
            if ("content_view_version".equals(h.scopeKind())) {
                result.putAll(contentViewVersion(orgId, h, pinned, promoteTo, user));
            }
            history.succeed(recordId, blobsStored, bytesStored, result);
            metrics.imported(bytesStored, blobsStored);
            return result;
        });
    }

    private List<Pinned> repositories(long orgId, Manifest m, String user) throws IOException {
        List<Pinned> pinned = new ArrayList<>();
        Map<String, Long> products = new HashMap<>();
        m.forEachRepository((repo, units) -> {
            long productId = products.computeIfAbsent(repo.productLabel(), label -> product(orgId, repo));
            long repoId = repository(productId, repo, user);
            RepoVersionWriter.Result r = writer.apply(repoId, repo.contentType(), units, null, RepoVersionWriter.Mode.MIRROR, user);
            pinned.add(new Pinned(repoId, repo.path(), r.latest(), r.number().isPresent()));
        });
        return pinned;
    }

    private long product(long orgId, Manifest.Repo repo) {
        return Sql.work(em, c -> {
            long[] id = Sql.longs(c, "select coalesce(max(id), 0) from product where organization_id = ? and label = ?", orgId,
                    repo.productLabel());
            if (id[0] != 0) {
                return id[0];
            }
            return Sql.longs(c, "insert into product (organization_id, label, name, description) values (?, ?, ?, ?) returning id",
                    orgId, repo.productLabel(), repo.productName(), repo.productDescription())[0];
        });
    }

    private long repository(long productId, Manifest.Repo repo, String user) {
        return Sql.work(em, c -> {
            long[] id = Sql.longs(c, "select coalesce(max(id), 0) from repository where product_id = ? and label = ?", productId,
                    repo.label());
            if (id[0] != 0) {
                return id[0];
            }
            long repoId = Sql.longs(c, "insert into repository (product_id, label, name, description, content_type) values "
                    + "(?, ?, ?, ?, ?) returning id", productId, repo.label(), repo.name(), repo.description(), repo.contentType())[0];
            Sql.update(c, "insert into repository_version (repository_id, number, unit_count, total_size, added_count, removed_count, "
                    + "created_by) values (?, 0, 0, 0, 0, 0, ?)", repoId, user);
            return repoId;
        });
    }

    /** The bundle's provenance with its own source appended: every server the version passed through, origin first. */
    static String provenance(ManifestHeader h) {
        List<Map<String, Object>> hops = new ArrayList<>();
        for (io.ferry.imports.bundle.ManifestHop hop : h.provenance()) {
            hops.add(hop(hop.serverId(), hop.serverName(), hop.exportId(), hop.exportedAt()));
        }
        hops.add(hop(h.sourceServerId(), h.sourceServerName(), h.exportId(), h.createdAt()));
        try {
            return PROVENANCE_JSON.writeValueAsString(hops);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper PROVENANCE_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static Map<String, Object> hop(String serverId, String serverName, long exportId, java.time.OffsetDateTime at) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("serverId", serverId);
        m.put("serverName", serverName);
        m.put("exportId", exportId);
        m.put("exportedAt", at == null ? null : at.toString());
        return m;
    }

    private Map<String, Object> contentViewVersion(long orgId, ManifestHeader h, List<Pinned> pinned, List<Long> promoteTo,
                                                   String user) {
        Map<?, ?> cv = (Map<?, ?>) h.scope().get("contentView");
        int major = ((Number) cv.get("major")).intValue();
        int minor = ((Number) cv.get("minor")).intValue();
        long cvId = Sql.work(em, c -> contentView(c, orgId, cv));
        long versionId = Sql.work(em, c -> {
            for (Pinned p : pinned) {
                Sql.update(c, "insert into content_view_repository (content_view_id, repository_id) values (?, ?) "
                        + "on conflict do nothing", cvId, p.repositoryId());
            }
            long[] totals = {0, 0};
            for (Pinned p : pinned) {
                long[] t = Sql.longs(c, "select unit_count, total_size from repository_version where repository_id = ? and number = ?",
                        p.repositoryId(), p.version());
                totals[0] += t[0];
                totals[1] += t[1];
            }
            Object description = cv.get("versionDescription");
            long id = Sql.longs(c, "insert into content_view_version (content_view_id, major, minor, description, unit_count, "
                    + "total_size, created_by, provenance) values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) returning id", cvId, major,
                    minor, description == null || "".equals(description) ? null : String.valueOf(description), totals[0], totals[1],
                    user, provenance(h))[0];
            for (Pinned p : pinned) {
                Sql.update(c, "insert into content_view_version_repository (content_view_version_id, repository_id, "
                        + "repository_version) values (?, ?, ?)", id, p.repositoryId(), p.version());
            }
            return id;
        });
        long libraryId = environments.library(orgId).id;
        long[] newer = Sql.work(em, c -> Sql.longs(c, "select count(*) from environment_content_view h join content_view_version v "
                + "on v.id = h.content_view_version_id where h.environment_id = ? and h.content_view_id = ? "
                + "and (v.major, v.minor) > (?, ?)", libraryId, cvId, major, minor));
        if (newer[0] == 0) {
            lifecycle.hold(libraryId, cvId, versionId, user);
        }
        List<String> promoted = new ArrayList<>();
        if (promoteTo != null && !promoteTo.isEmpty()) {
            ContentViewEntity entity = em.find(ContentViewEntity.class, cvId);
            versions.checkPromotion(entity, versionId, promoteTo, false);
            for (Long envId : promoteTo) {
                lifecycle.hold(envId, cvId, versionId, user);
                promoted.add(environments.findById(envId).label);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contentView", cv.get("label"));
        out.put("contentViewId", cvId);
        out.put("version", major + "." + minor);
        out.put("versionId", versionId);
        out.put("promotedTo", promoted);
        return out;
    }

    private static long contentView(Connection c, long orgId, Map<?, ?> cv) throws SQLException {
        long[] id = Sql.longs(c, "select coalesce(max(id), 0) from content_view where organization_id = ? and label = ?", orgId,
                cv.get("label"));
        if (id[0] != 0) {
            return id[0];
        }
        Object description = cv.get("description");
        return Sql.longs(c, "insert into content_view (organization_id, label, name, description, import_only) values "
                + "(?, ?, ?, ?, true) returning id", orgId, cv.get("label"), cv.get("name") == null ? cv.get("label") : cv.get("name"),
                description == null || "".equals(description) ? null : String.valueOf(description))[0];
    }
}
