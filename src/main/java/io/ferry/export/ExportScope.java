package io.ferry.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved export scope. {@link #reposSql()} selects {@code (repository_id, version)}: the repository
 * versions whose units make up the scope's state; the manifest, the blob plan and later incrementals
 * all start from it. {@link #key()} identifies the scope across exports (a content view, not one of
 * its versions, so version 3 can be exported incrementally on top of version 2).
 */
public record ExportScope(String kind, long organizationId, String organizationLabel, String key, String slug,
                          Map<String, Object> labels, Map<String, Object> ids, String reposSql, Object[] params) {

    public static final String CONTENT_VIEW_VERSION = "content_view_version";
    public static final String LIBRARY = "library";
    public static final String REPOSITORY = "repository";

    static ExportScope contentViewVersion(long orgId, String orgLabel, long cvId, String cvLabel, long cvvId, String version,
                                          Long environmentId, String environmentLabel) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("organization", orgLabel);
        labels.put("contentView", cvLabel);
        labels.put("version", version);
        if (environmentLabel != null) {
            labels.put("environment", environmentLabel);
        }
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("contentViewId", cvId);
        ids.put("contentViewVersionId", cvvId);
        if (environmentId != null) {
            ids.put("environmentId", environmentId);
        }
        return new ExportScope(CONTENT_VIEW_VERSION, orgId, orgLabel, "content_view:" + cvId,
                "content-view-" + ExportLocations.segment(cvLabel, "id", cvId), labels, ids,
                "select repository_id, repository_version from content_view_version_repository where content_view_version_id = ?",
                new Object[] {cvvId});
    }

    static ExportScope library(long orgId, String orgLabel) {
        return new ExportScope(LIBRARY, orgId, orgLabel, "library", "library", Map.of("organization", orgLabel), Map.of(),
                "select r.id, r.latest_version from repository r join product p on p.id = r.product_id where p.organization_id = ?",
                new Object[] {orgId});
    }

    static ExportScope repository(long orgId, String orgLabel, long productId, long repoId, String productLabel, String repoLabel,
                                  int version) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("organization", orgLabel);
        labels.put("product", productLabel);
        labels.put("repository", repoLabel);
        labels.put("repositoryVersion", version);
        return new ExportScope(REPOSITORY, orgId, orgLabel, "repository:" + repoId,
                "repository-" + ExportLocations.segment(productLabel, "product", productId) + "-"
                        + ExportLocations.segment(repoLabel, "id", repoId),
                labels, Map.of("productId", productId, "repositoryId", repoId, "repositoryVersion", version),
                "select cast(? as bigint), cast(? as integer)", new Object[] {repoId, version});
    }

    /** Units of the scope: {@code (sha256, size)} rows, one per unit (blobs repeat when units share them). */
    String unitsSql() {
        return unitsOf(reposSql);
    }

    static String unitsOf(String reposSql) {
        return "select u.sha256, u.size from (" + reposSql + ") s(repository_id, version) join repository_content rc "
                + "on rc.repository_id = s.repository_id and rc.version_added <= s.version "
                + "and (rc.version_removed is null or rc.version_removed > s.version) join content_unit u on u.id = rc.unit_id";
    }
}
