package io.ferry.remote;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoEntity;
import io.ferry.content.RepoRepository;
import io.ferry.content.RepoVersionWriter;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.ContentTypes;
import io.ferry.content.type.UnitDraft;
import io.ferry.storage.BlobBatch;
import io.ferry.storage.BlobStore;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Syncs a repository from its remote (task type {@value #TYPE}): fetches the remote's index to a temp
 * file, checks every line, downloads only the blobs this server lacks (each hashed and checked), and
 * then, in one transaction, makes the repository mirror the index as a new version. Any failure before
 * that transaction leaves the repository as it was; verified blobs stay in the store for the next try.
 */
@ApplicationScoped
public class SyncHandler implements TaskHandler {
    public static final String TYPE = "repository.sync";

    @Inject
    RemoteSecrets remoteSecrets;
    @Inject
    io.ferry.system.Metrics metrics;
    @Inject
    RepoRepository repos;
    @Inject
    ContentTypes types;
    @Inject
    BlobStore blobs;
    @Inject
    RepoVersionWriter writer;
    @Inject
    SyncConfig config;
    @Inject
    FileRemotes files;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) throws Exception {
        long repoId = ((Number) ctx.params().get("repositoryId")).longValue();
        RepoEntity repo = QuarkusTransaction.requiringNew().call(() -> repos.findByIdOptional(repoId).orElseThrow(() ->
                new FerryException(ErrorCode.REPOSITORY_NOT_FOUND, "The repository was deleted before its sync started.", "repository")));
        if (repo.remoteUrl == null) {
            throw new FerryException(ErrorCode.REMOTE_MISSING, "Repository '" + repo.label + "' has no remote; set one first.",
                    "remote");
        }
        ContentType type = types.require(repo.contentType);
        if (FileRemotes.isFile(repo.remoteUrl)) {
            return fromDirectory(ctx, repo, type);
        }
        RemoteClient client = new RemoteClient(new RemoteClient.RemoteSettings(repo.remoteUrl, repo.remoteCaCert,
                repo.remoteClientCert, remoteSecrets.open(repo.remoteClientKey, RemoteSecrets.CLIENT_KEY), repo.remoteUsername,
                remoteSecrets.open(repo.remotePassword, RemoteSecrets.PASSWORD), repo.remoteTlsVerify),
                config.timeout());
        Path index = blobs.newTempFile("sync-index-");
        try (BlobBatch batch = blobs.batch()) {
            ctx.step("fetching " + type.remoteIndex());
            fetchIndex(client, client.resolve(type.remoteIndex()), index);
            ctx.step("checking the index");
            long[] units = {0};
            long[] missing = {0, 0};
            forEach(index, type, u -> {
                units[0]++;
                if (!batch.has(u.sha256())) {
                    missing[0]++;
                    missing[1] += u.size();
                }
            });
            ctx.totals(units[0], missing[1]);
            ctx.step("downloading " + io.ferry.common.Words.count(missing[0], "file"));
            long[] fetched = {0};
            try (ParallelDownloads downloads = new ParallelDownloads(Math.max(1, config.parallelDownloads()),
                    () -> new Downloader(client, batch, config.attempts(), ctx))) {
                try {
                    forEach(index, type, u -> {
                        ctx.checkCanceled();
                        downloads.rethrow();
                        if (!batch.has(u.sha256())) {
                            if (downloads.submit(u, () -> ctx.addUnits(1))) {
                                fetched[0]++;
                            } else {
                                ctx.addUnits(1); // the same blob at another path, already on its way
                            }
                            return;
                        }
                        long stored = blobs.sizeIfStored(u.sha256()); // -1: staged by this sync, checked when fetched
                        if (stored >= 0 && stored != u.size()) {
                            throw Downloader.mismatch(u.relativePath(), "the manifest lists " + u.size() + " bytes for SHA-256 "
                                    + u.sha256());
                        }
                        ctx.addUnits(1);
                    });
                    downloads.finish();
                } finally {
                    downloads.close();
                    batch.flush(); // verified downloads stay stored, even when the sync fails now
                }
            }
            ctx.checkCanceled();
            ctx.step("recording the new version");
            RepoVersionWriter.Result r = record(index, type, repoId, ctx);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("repositoryId", repoId);
            result.put("version", r.latest());
            result.put("newVersion", r.number().isPresent());
            result.put("units", units[0]);
            result.put("added", r.added());
            result.put("removed", r.removed());
            result.put("downloadedFiles", fetched[0]);
            result.put("downloadedBytes", missing[1]);
            metrics.synced("remote", missing[1], fetched[0]);
            return result;
        } finally {
            Files.deleteIfExists(index);
        }
    }

    /** A {@code file://} remote: the tree is read into the store (no download), then mirrored like any remote. */
    private Map<String, Object> fromDirectory(TaskContext ctx, RepoEntity repo, ContentType type) throws Exception {
        Path index = blobs.newTempFile("sync-index-");
        try (BlobBatch batch = blobs.batch()) {
            ctx.step("reading " + repo.remoteUrl);
            FileRemotes.Scan scan;
            try {
                scan = files.scan(repo.remoteUrl, index, batch, ctx);
            } finally {
                batch.flush(); // what was read stays stored, even when the sync fails now
            }
            ctx.step("checking the index");
            forEach(index, type, u -> ctx.addUnits(1));
            ctx.checkCanceled();
            ctx.step("recording the new version");
            RepoVersionWriter.Result r = record(index, type, repo.id, ctx);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("repositoryId", repo.id);
            result.put("version", r.latest());
            result.put("newVersion", r.number().isPresent());
            result.put("units", scan.files());
            result.put("added", r.added());
            result.put("removed", r.removed());
            result.put("readFiles", scan.files());
            result.put("readBytes", scan.bytes());
            result.put("skipped", scan.skipped());
            metrics.synced("remote", scan.bytes(), scan.files());
            return result;
        } finally {
            Files.deleteIfExists(index);
        }
    }

    private RepoVersionWriter.Result record(Path index, ContentType type, long repoId, TaskContext ctx) {
        return QuarkusTransaction.requiringNew().timeout(RepoVersionWriter.LARGE_CHANGE_TIMEOUT_SECONDS).call(() -> {
            try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
                Iterator<UnitDraft> drafts = type.readRemoteIndex(in);
                return writer.apply(repoId, type.id(), drafts, null, RepoVersionWriter.Mode.MIRROR, ctx.user());
            }
        });
    }

    private void fetchIndex(RemoteClient client, URI uri, Path target) throws IOException, InterruptedException {
        long max = config.maxManifestSize().asLongValue();
        HttpResponse<InputStream> res;
        try {
            res = client.get(uri, 0);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.REMOTE_UNREACHABLE, "Could not fetch " + uri + ": " + e.getMessage()
                    + ". Check the remote URL and that the remote is reachable; the repository is unchanged.", "remote.url");
        }
        try (InputStream in = new BoundedInputStream(res.body(), max)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (BoundedInputStream.LimitExceeded e) {
            throw new FerryException(ErrorCode.REMOTE_MANIFEST_INVALID, "The remote's index " + uri + " is larger than "
                    + max + " bytes (ferry.sync.max-manifest-size).", "remote.url");
        }
    }

    /** Parses the index file and validates each unit by the content type's rules. */
    private static void forEach(Path index, ContentType type, Consumer<UnitDraft> consumer) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            Iterator<UnitDraft> it = type.readRemoteIndex(in);
            while (it.hasNext()) {
                UnitDraft u = it.next();
                try {
                    type.validate(u);
                } catch (FerryException e) {
                    throw new FerryException(ErrorCode.REMOTE_MANIFEST_INVALID, "The remote's index lists a unit this server "
                            + "refuses: " + e.getMessage(), "remote.url");
                }
                consumer.accept(u);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
