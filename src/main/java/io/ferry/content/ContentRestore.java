package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.content.type.UnitDraft;
import io.ferry.security.CurrentUser;
import io.ferry.storage.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts units back as they were in an earlier version: the way operators of folder-sync tools use a trash folder.
 * A file removed (by hand, or by a mirror sync after its upstream dropped it) comes back in a new version with
 * the same bytes and metadata; nothing is copied, the blob is still stored.
 */
@ApplicationScoped
public class ContentRestore {
    static final int MAX_PATHS = 100_000;

    @Inject
    RepoLocator locator;
    @Inject
    RepoVersionWriter writer;
    @Inject
    RepoContentQueries queries;
    @Inject
    BlobStore blobs;
    @Inject
    EntityManager em;
    @Inject
    CurrentUser currentUser;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static Map<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, String>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored metadata is not a JSON object of strings", e);
        }
    }

    public RepoVersionDtos.ChangeResult restore(String org, String product, String repo, ContentDtos.RestoreContent req) {
        if (req == null || req.version() == null || req.relativePaths() == null || req.relativePaths().isEmpty()
                || req.relativePaths().size() > MAX_PATHS) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give the version to restore from and 1-" + MAX_PATHS
                    + " relative paths (ferry repository restore-content --version N --path P).", "relativePaths");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            RepoEntity r = locator.locate(org, product, repo).repository();
            int latest = r.latestVersion;
            if (req.version() < 0 || req.version() > latest) {
                throw new FerryException(ErrorCode.REPOSITORY_VERSION_NOT_FOUND, "Repository '" + r.label + "' has versions 0-" + latest
                        + ", not " + req.version() + "; list them with ferry repository version list.", "version");
            }
            Map<String, UnitDraft> found = new LinkedHashMap<>();
            List<String> paths = req.relativePaths().stream().distinct().toList();
            for (int i = 0; i < paths.size(); i += 1000) {
                List<String> batch = paths.subList(i, Math.min(paths.size(), i + 1000));
                Sql.work(em, c -> {
                    try (var ps = c.prepareStatement("select rc.relative_path, u.sha256, u.size, u.metadata::text from "
                            + "repository_content rc join content_unit u on u.id = rc.unit_id where rc.repository_id = ? and "
                            + "rc.relative_path = any(?) and rc.version_added <= ? and (rc.version_removed is null or "
                            + "rc.version_removed > ?)")) {
                        ps.setLong(1, r.id);
                        ps.setArray(2, c.createArrayOf("text", batch.toArray()));
                        ps.setInt(3, req.version());
                        ps.setInt(4, req.version());
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                found.put(rs.getString(1), new UnitDraft(rs.getString(1), rs.getString(2), rs.getLong(3),
                                        metadata(rs.getString(4))));
                            }
                        }
                    }
                    return null;
                });
            }
            List<String> missing = new ArrayList<>(paths);
            missing.removeAll(found.keySet());
            if (!missing.isEmpty()) {
                throw new FerryException(ErrorCode.CONTENT_NOT_FOUND, "Version " + req.version() + " of repository '" + r.label
                        + "' has no unit at " + missing.subList(0, Math.min(5, missing.size())) + (missing.size() > 5 ? " and "
                        + (missing.size() - 5) + " more" : "") + "; nothing was restored.", "relativePaths");
            }
            for (UnitDraft u : found.values()) {
                if (!blobs.exists(u.sha256())) {
                    throw new FerryException(ErrorCode.BLOB_NOT_FOUND, "The bytes of " + u.relativePath() + " (SHA-256 " + u.sha256()
                            + ") are no longer stored here; upload the file again. Nothing was restored.", "relativePaths");
                }
            }
            RepoVersionWriter.Result res = writer.apply(r.id, r.contentType, found.values().iterator(), null,
                    RepoVersionWriter.Mode.MODIFY, currentUser.username());
            return new RepoVersionDtos.ChangeResult(res.number().isPresent(), queries.version(r, res.latest()), res.added(),
                    res.removed());
        });
    }
}
