package io.ferry.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryConfig;
import io.ferry.common.FerryException;
import io.ferry.export.media.HashingOutputStream;
import io.ferry.system.ServerIdentity;
import io.ferry.task.TaskCanceledException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs an export: plan (record, carried blobs, volume layout), manifest, then each volume through its
 * media writer, into {@code <target>.partial/} renamed to the target at the end. Any failure or
 * cancelation removes the partial output and records the export as failed or canceled.
 */
@ApplicationScoped
public class ExportRunner {
    private static final Logger LOG = Logger.getLogger(ExportRunner.class);

    @Inject
    ExportPlanner planner;
    @Inject
    io.ferry.system.Metrics metrics;
    @Inject
    ManifestWriter manifests;
    @Inject
    VolumeContents contents;
    @Inject
    ExportHistory history;
    @Inject
    ExportConfig config;
    @Inject
    FerryConfig ferry;
    @Inject
    ServerIdentity identity;
    @Inject
    ObjectMapper json;
    @Inject
    ExportLocations locations;
    @Inject
    io.ferry.trust.BundleSigner signer;
    @Inject
    ExportDeltas deltas;

    private volatile ExecutorService pool;

    /** What a run reports to its caller (the task): progress in bytes, and cancelation. */
    public interface Monitor {
        void step(String step);

        /** A step with its own byte total (bytes done start again from zero). */
        void phase(String step, long units, long bytes);

        void units(long n);

        void bytes(long n);

        void checkCanceled();
    }

    int threads() {
        return config.compressionThreads().orElse(Runtime.getRuntime().availableProcessors());
    }

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads(), r -> {
                        Thread t = new Thread(r, "ferry-gzip");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    public Path root() {
        return locations.root();
    }

    public Map<String, Object> run(ExportScope scope, ExportBase base, ExportJob job, String user, UUID taskId, Monitor monitor) {
        ExportPlanner.Recorded recorded = planner.record(scope, base, job, user, taskId);
        long id = recorded.id();
        ExportPlanner.Sizes sizes = recorded.sizes();
        Path target = job.path() != null ? job.path() : locations.defaultLocation(scope, id);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        boolean created = false;
        try {
            history.location(id, target.toString());
            locations.createBelowRoot(partial, job.path() != null);
            created = true;
            monitor.step("planning");
            Long volumeSize = job.format().equals("dir") ? null : job.volumeSize();
            long reserve = sizes.manifestReserve(volumeSize);
            VolumeLayout layout = new VolumeLayout(job.format(), volumeSize, reserve);
            ExportDeltas.Saved saved = deltas.plan(id, base, job.format(), layout.maxPart(), locations.deltaDir(id),
                    monitor::checkCanceled);
            long writeBytes = sizes.newBytes() - saved.bytes();
            // progress: the bytes hashed for parts of split blobs while planning, then (from zero) every blob byte written
            long splitBytes = planner.splitBytes(id, layout.maxPart());
            if (splitBytes > 0) {
                monitor.phase("hashing parts of split blobs", sizes.units(), splitBytes);
            }
            int volumes = planner.assign(id, layout, monitor::bytes, monitor::checkCanceled);
            boolean linking = job.format().equals("dir") && job.link();
            long needed = (linking ? 0 : writeBytes) + reserve * volumes;
            long usable = Files.getFileStore(partial).getUsableSpace();
            if (needed > usable) {
                throw new FerryException(ErrorCode.STORAGE_FULL, "The export needs about " + needed + " bytes but " + partial.getParent()
                        + " has " + usable + " free. Free space or export to another path.", "path");
            }
            monitor.step("writing manifest");
            Path manifest = job.format().equals("dir") ? partial.resolve(BundlePaths.MANIFEST) : partial.resolve(BundlePaths.MANIFEST_COPY);
            Files.createDirectories(manifest.getParent());
            String manifestSha;
            try (HashingOutputStream out = new HashingOutputStream(new BufferedOutputStream(Files.newOutputStream(manifest), 1 << 16))) {
                manifests.write(id, volumes, job, out);
                out.flush();
                manifestSha = out.sha256();
            }
            byte[] signature = sign(manifest);
            if (volumeSize != null && Files.size(manifest) > reserve) {
                throw new IllegalStateException("manifest of " + Files.size(manifest) + " bytes exceeds the " + reserve + " reserved");
            }
            BundleEntry.Progress progress = n -> {
                monitor.bytes(n);
                monitor.checkCanceled();
            };
            monitor.phase("writing", sizes.units(), writeBytes);
            long total;
            if (job.format().equals("dir")) {
                Path marker = partial.resolve(BundlePaths.VOLUME);
                Files.write(marker, marker(id, manifestSha, 1, 1, null, signature));
                VolumeWriters.dir(contents, id, manifest, marker, partial, job.link(), progress);
                total = treeSize(partial);
            } else {
                total = writeVolumes(id, job, volumes, manifest, manifestSha, signature, partial, progress);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            history.complete(id, total, manifestSha);
            metrics.exported(job.format(), total);
            monitor.units(sizes.units());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("exportId", id);
            result.put("location", target.toString());
            result.put("volumes", volumes);
            result.put("totalSize", total);
            result.put("manifestSha256", manifestSha);
            if (saved.blobs() > 0) {
                result.put("deltaBlobs", saved.blobs());
                result.put("deltaSavedBytes", saved.bytes());
            }
            return result;
        } catch (TaskCanceledException e) {
            locations.removeTree(partial);
            history.fail(id, "canceled", "canceled");
            throw e;
        } catch (IOException | RuntimeException e) {
            if (created) {
                locations.removeTree(partial);
            }
            FerryException fe = translate(e, partial.getParent());
            history.fail(id, "failed", fe.getMessage());
            throw fe;
        } finally {
            locations.removeTree(locations.deltaDir(id));
        }
    }

    /** A single-volume tgz export planned and ready to stream to an HTTP client, written nowhere on the server. */
    public record Prepared(long id, Path work, Path manifest, Path marker, String manifestSha, ExportJob job) {
    }

    /** Plans a streamed export; failures here still reach the caller as problems, before any byte is sent. */
    public Prepared prepareStream(ExportScope scope, ExportBase base, ExportJob job, String user) {
        ExportPlanner.Recorded recorded = planner.record(scope, base, job, user, null);
        long id = recorded.id();
        Path work = null;
        try {
            Files.createDirectories(root());
            work = Files.createTempDirectory(root(), ".stream-" + id + "-");
            VolumeLayout layout = new VolumeLayout("tgz", null, recorded.sizes().manifestReserve(null));
            deltas.plan(id, base, "tgz", layout.maxPart(), locations.deltaDir(id), () -> { });
            planner.assign(id, layout, n -> { }, () -> { });
            Path manifest = work.resolve(BundlePaths.MANIFEST_COPY);
            String sha;
            try (HashingOutputStream out = new HashingOutputStream(new BufferedOutputStream(Files.newOutputStream(manifest), 1 << 16))) {
                manifests.write(id, 1, job, out);
                out.flush();
                sha = out.sha256();
            }
            Path marker = work.resolve("volume.json");
            Files.write(marker, marker(id, sha, 1, 1, job.volumeName(id, 1), sign(manifest)));
            return new Prepared(id, work, manifest, marker, sha, job);
        } catch (IOException | RuntimeException e) {
            if (work != null) {
                locations.removeTree(work);
            }
            locations.removeTree(locations.deltaDir(id));
            FerryException fe = translate(e, root());
            history.fail(id, "failed", fe.getMessage());
            throw fe;
        }
    }

    /** Streams a prepared export; a client that goes away leaves it recorded as failed. */
    public void stream(Prepared p, OutputStream response) throws IOException {
        try {
            HashingOutputStream out = new HashingOutputStream(response);
            writeVolume(p.id(), p.job(), 1, p.manifest(), p.marker(), out, BundleEntry.Progress.NONE);
            out.flush();
            history.volume(p.id(), 1, p.job().volumeName(p.id(), 1), out.count(), out.sha256());
            history.complete(p.id(), out.count(), p.manifestSha());
            metrics.exported("stream", out.count());
        } catch (IOException | RuntimeException e) {
            history.fail(p.id(), "failed", "streaming stopped: " + e);
            throw e;
        } finally {
            locations.removeTree(p.work());
            locations.removeTree(locations.deltaDir(p.id()));
        }
    }

    /** Signs the manifest with this server's bundle-signing key; the signature goes beside it, into every marker and volume. */
    private byte[] sign(Path manifest) throws IOException {
        byte[] signature = signer.sign(manifest);
        Files.write(BundlePaths.signatureOf(manifest), signature);
        return signature;
    }

    private long writeVolumes(long id, ExportJob job, int volumes, Path manifest, String manifestSha, byte[] signature, Path partial,
                              BundleEntry.Progress progress) throws IOException {
        long total = 0;
        List<String> sums = new ArrayList<>();
        List<Map<String, Object>> index = new ArrayList<>();
        for (int v = 1; v <= volumes; v++) {
            String name = job.volumeName(id, v);
            Path marker = partial.resolve(".volume-" + v + ".json");
            Files.write(marker, marker(id, manifestSha, v, volumes, name, signature));
            Path file = partial.resolve(name);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 HashingOutputStream out = new HashingOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20))) {
                writeVolume(id, job, v, manifest, marker, out, progress);
                out.flush();
                ch.force(true);
                history.volume(id, v, name, out.count(), out.sha256());
                sums.add(out.sha256() + "  " + name);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("number", v);
                entry.put("name", name);
                entry.put("size", out.count());
                entry.put("sha256", out.sha256());
                index.add(entry);
                total += out.count();
            }
            Files.delete(marker);
        }
        Map<String, Object> idx = new LinkedHashMap<>();
        idx.put("format", "ferry-volumes");
        idx.put("formatVersion", ManifestWriter.FORMAT_VERSION);
        idx.put("exportId", id);
        idx.put("sourceServerId", identity.serverId().toString());
        idx.put("manifestSha256", manifestSha);
        idx.put("volumes", index);
        Files.write(partial.resolve(BundlePaths.VOLUMES_INDEX), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(idx));
        sign(partial.resolve(BundlePaths.VOLUMES_INDEX));
        Files.write(partial.resolve(BundlePaths.SUMS), (String.join("\n", sums) + "\n").getBytes());
        return total;
    }

    void writeVolume(long id, ExportJob job, int v, Path manifest, Path marker, OutputStream out, BundleEntry.Progress progress)
            throws IOException {
        if (job.format().equals("iso")) {
            VolumeWriters.iso(contents, id, v, manifest, marker, out, progress);
        } else {
            VolumeWriters.tgz(contents, id, v, manifest, marker, out, job.gzipLevel(), pool(), threads(), progress);
        }
    }

    byte[] marker(long id, String manifestSha, int volume, int volumes, String name, byte[] signature) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "ferry-volume");
        m.put("formatVersion", ManifestWriter.FORMAT_VERSION);
        m.put("exportId", id);
        m.put("sourceServerId", identity.serverId().toString());
        m.put("manifestSha256", manifestSha);
        m.put("volume", volume);
        m.put("volumes", volumes);
        m.put("name", name);
        m.put("manifestSignature", java.util.Base64.getEncoder().encodeToString(signature));
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    }

    /** The problem to report for a failed export writing under {@code dir}. */
    static FerryException translate(Exception e, Path dir) {
        if (e instanceof FerryException fe) {
            return fe;
        }
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        String msg = String.valueOf(t.getMessage());
        if (msg.contains("No space left") || msg.contains("Disk quota exceeded")) {
            return new FerryException(ErrorCode.STORAGE_FULL, "The disk under " + dir + " is full; the partial export "
                    + "was removed. Free space or export to another path.", "path");
        }
        LOG.error("export failed", e);
        return new FerryException(ErrorCode.STORAGE_IO, "The export failed and its partial output was removed: " + t, (String) null);
    }

    static long treeSize(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long sum = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }
}
