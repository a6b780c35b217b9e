package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Metadata;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.ContentTypes;
import io.ferry.content.type.UnitDraft;
import io.ferry.security.CurrentUser;
import io.ferry.storage.BlobRef;
import io.ferry.storage.BlobStore;
import io.ferry.upload.UploadService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Changes a repository's content: each upload, addition or removal makes one new repository version.
 * Bytes are stored (and verified) before the short transaction that records the version, so a failed
 * or mismatched upload leaves the repository unchanged.
 */
@ApplicationScoped
public class ContentService {
    @Inject
    RepoLocator locator;
    @Inject
    ContentTypes types;
    @Inject
    BlobStore blobs;
    @Inject
    UploadService uploads;
    @Inject
    RepoVersionWriter writer;
    @Inject
    RepoContentQueries queries;
    @Inject
    CurrentUser currentUser;

    /** Streams the body into the blob store and adds it at {@code relativePath}. */
    public RepoVersionDtos.ChangeResult upload(String org, String product, String repo, String relativePath, String sha256,
                                               List<String> metadata, long contentLength, InputStream body) {
        Map<String, String> meta = Metadata.parse(metadata).entries();
        String expected = normalizeSha(sha256);
        long repoId = check(org, product, repo, new UnitDraft(relativePath, expected, 0, meta));
        BlobRef ref = blobs.put(new RequestBody(body, contentLength), expected, contentLength);
        return add(repoId, new UnitDraft(relativePath, ref.sha256(), ref.size(), meta));
    }

    /** Adds a finished upload or an already stored blob. */
    public RepoVersionDtos.ChangeResult add(String org, String product, String repo, ContentDtos.AddContent req) {
        String sha = normalizeSha(req.sha256());
        Map<String, String> meta = Metadata.of(req.metadata()).entries();
        long repoId = check(org, product, repo, new UnitDraft(req.relativePath(), sha, 0, meta));
        BlobRef ref;
        if (req.upload() != null) {
            ref = uploads.finish(req.upload(), sha);
        } else if (sha != null) {
            if (!blobs.exists(sha)) {
                throw new FerryException(ErrorCode.BLOB_NOT_FOUND, "No blob with SHA-256 " + sha + " is stored here; upload the "
                        + "file (ferry repository upload-content, or POST /api/v1/uploads and add it with 'upload').", "sha256");
            }
            ref = new BlobRef(sha, blobs.size(sha));
        } else {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Name the content to add: 'upload' (a finished upload id) or "
                    + "'sha256' (a blob stored here).", "upload");
        }
        return add(repoId, new UnitDraft(req.relativePath(), ref.sha256(), ref.size(), meta));
    }

    public RepoVersionDtos.ChangeResult remove(String org, String product, String repo, ContentDtos.RemoveContent req) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RepoEntity r = locator.locate(org, product, repo).repository();
            Iterator<String> paths = req.relativePaths().iterator();
            return result(r, writer.apply(r.id, r.contentType, null, paths, RepoVersionWriter.Mode.MODIFY, currentUser.username()));
        });
    }

    /** Validates the unit against the repository's type before any byte is stored; answers the repository id. */
    private long check(String org, String product, String repo, UnitDraft draft) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RepoEntity r = locator.locate(org, product, repo).repository();
            types.require(r.contentType).validate(draft);
            return r.id;
        });
    }

    private RepoVersionDtos.ChangeResult add(long repoId, UnitDraft unit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RepoEntity r = locator.locate(repoId).repository();
            ContentType type = types.require(r.contentType);
            type.validate(unit);
            return result(r, writer.apply(r.id, r.contentType, List.of(unit).iterator(), null, RepoVersionWriter.Mode.MODIFY,
                    currentUser.username()));
        });
    }

    private RepoVersionDtos.ChangeResult result(RepoEntity r, RepoVersionWriter.Result res) {
        return new RepoVersionDtos.ChangeResult(res.number().isPresent(), queries.version(r, res.latest()), res.added(), res.removed());
    }

    static String normalizeSha(String sha256) {
        return sha256 == null || sha256.isBlank() ? null : sha256.trim().toLowerCase(Locale.ROOT);
    }
}
