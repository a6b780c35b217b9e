package io.ferry.upload;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoContentQueries;
import io.ferry.content.RepoLocator;
import io.ferry.content.RepoVersionWriter;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.ContentTypes;
import io.ferry.content.type.PulpManifest;
import io.ferry.content.type.UnitDraft;
import io.ferry.content.type.UnitRow;
import io.ferry.security.CurrentUser;
import io.ferry.storage.BlobBatch;
import io.ferry.storage.BlobRef;
import io.ferry.storage.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Bulk upload: a whole tree sent as one tar stream becomes one repository version. The stream is read in place as it
 * arrives (never spooled, never extracted): each regular file is checked by the repository type's path rules, hashed
 * and staged in one {@link BlobBatch} (no fsync per file); its path, digest and size go to a temporary index file.
 * Links, devices and other entry types, an unreadable or truncated stream and too many entries refuse the whole
 * archive. Then the blobs are made durable together and one transaction records the version, exactly as a sync does,
 * so a failure at any point leaves the repository as it was. Memory is constant in the number of files.
 */
@ApplicationScoped
public class ArchiveUpload {
    private static final Logger LOG = Logger.getLogger(ArchiveUpload.class);

    @Inject
    RepoLocator locator;
    @Inject
    ContentTypes types;
    @Inject
    BlobStore blobs;
    @Inject
    RepoVersionWriter writer;
    @Inject
    RepoContentQueries queries;
    @Inject
    CurrentUser currentUser;
    @Inject
    UploadsConfig config;

    public UploadDtos.ArchiveResult upload(String org, String product, String repo, boolean mirror, long contentLength,
                                           InputStream body) {
        long[] repoId = {0};
        String[] typeId = {null};
        QuarkusTransaction.requiringNew().run(() -> {
            var r = locator.locate(org, product, repo).repository();
            repoId[0] = r.id;
            typeId[0] = r.contentType;
        });
        ContentType type = types.require(typeId[0]);
        Path index = blobs.newTempFile("archive-index-");
        long t0 = System.nanoTime();
        try (BlobBatch batch = blobs.batch()) {
            ArchiveReader.Counts counts;
            try (Writer out = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
                counts = new ArchiveReader(type, config.archiveMaxEntries()).read(body, contentLength, (rel, in) -> {
                    BlobRef ref = batch.put(in, null);
                    PulpManifest.writeLine(out, new UnitRow(0, rel, ref.sha256(), ref.size(), Map.of(), 0, null));
                    return ref.size();
                });
            }
            batch.flush();
            RepoVersionWriter.Result res;
            try {
                res = QuarkusTransaction.requiringNew().timeout(RepoVersionWriter.LARGE_CHANGE_TIMEOUT_SECONDS).call(() -> {
                    try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
                        var drafts = type.readRemoteIndex(in);
                        return writer.apply(repoId[0], type.id(), drafts, null, mirror ? RepoVersionWriter.Mode.MIRROR
                                : RepoVersionWriter.Mode.MODIFY, currentUser.username());
                    }
                });
            } catch (FerryException e) {
                throw e.errorCode() == ErrorCode.INVALID_RELATIVE_PATH ? new FerryException(e.errorCode(), "In the archive: "
                        + e.getMessage() + " Nothing was added.", "body") : e;
            }
            var version = QuarkusTransaction.requiringNew().call(() ->
                    queries.version(locator.locate(repoId[0]).repository(), res.latest()));
            LOG.infof("Bulk upload into repository %d: %d file(s), %d bytes, version %d (%d added, %d removed) in %d ms",
                    repoId[0], counts.files(), counts.bytes(), res.latest(), res.added(), res.removed(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new UploadDtos.ArchiveResult(res.number().isPresent(), version, res.added(), res.removed(), counts.files(),
                    counts.bytes(), counts.skippedDirectories());
        } catch (IOException e) {
            throw blobs.ioProblem("keep the index of a bulk upload", e);
        } finally {
            try {
                Files.deleteIfExists(index);
            } catch (IOException ignored) {
                // cleaned with the store's temp files
            }
        }
    }

    /** Validates a path of an archive entry by the type's rules, naming the entry when refused. */
    static void validate(ContentType type, String rel) {
        try {
            type.validate(new UnitDraft(rel, null, 0, Map.of()));
        } catch (FerryException e) {
            throw new FerryException(e.errorCode(), "Archive entry '" + io.ferry.common.value.Text.printable(rel) + "': "
                    + e.getMessage() + " Nothing was added.", "body");
        }
    }

    static FerryException refused(String why) {
        return new FerryException(ErrorCode.UPLOAD_ARCHIVE_INVALID, "The archive was not accepted: " + why
                + ". Nothing was added; send a tar stream of regular files and directories (ferry repository upload-content "
                + "--directory DIR).", "body");
    }
}
