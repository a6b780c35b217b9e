package io.ferry.sync;

import io.ferry.common.Sql;
import io.ferry.imports.bundle.BundleEntries;
import io.ferry.storage.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jboss.logging.Logger;

/**
 * What makes a broken-off sync resumable: the part of a bundle received before the upstream or this server
 * stopped is read up to where it breaks off, every whole blob in it is verified (its SHA-256 is its name) and
 * stored (a whole delta is rebuilt from the bases held here, then verified the same way), and its digest is kept in {@code sync_held_blob} for the organization. The next sync's receipt lists
 * those blobs, so the upstream does not send them again. Nothing becomes visible: blobs are only content once
 * an import that names them commits.
 */
@ApplicationScoped
public class PartialTransfers {
    private static final Logger LOG = Logger.getLogger(PartialTransfers.class);
    static final String SUFFIX = ".tar.gz";
    static final String PART = ".part";
    private static final int BATCH = 1000;

    @Inject
    BlobStore store;
    @Inject
    EntityManager em;

    /**
     * The bundle file of a sync of {@code orgId} (received into the same name plus {@value #PART}); its name says whose it
     * is, so a later sync finds it after a crash.
     */
    static Path file(Path dir, long orgId, String taskId, int scope) {
        return dir.resolve(orgId + "-" + taskId + "-" + scope + SUFFIX);
    }

    /** Keeps the whole blobs of every partial transfer this organization left behind (a crash), then removes the files. */
    public long resumeLeftovers(Path dir, long orgId) {
        long kept = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, orgId + "-*" + SUFFIX + "{," + PART + "}")) {
            files.forEach(found::add);
        } catch (IOException e) {
            LOG.warnf("Cannot list %s: %s", dir, e.getMessage());
            return 0;
        }
        for (Path f : found) {
            kept += keep(f, orgId);
        }
        try (DirectoryStream<Path> receipts = Files.newDirectoryStream(dir, orgId + "-*.receipt")) {
            for (Path r : receipts) {
                Files.deleteIfExists(r);
            }
        } catch (IOException e) {
            LOG.warnf("Cannot remove old receipts in %s: %s", dir, e.getMessage());
        }
        return kept;
    }

    /** Verifies and stores every whole blob of the partial bundle {@code file}, records them for the organization, deletes the file. */
    public long keep(Path file, long orgId) {
        long kept = 0;
        List<String> batch = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                BundleEntries.Ref ref = e.isFile() ? BundleEntries.parse(e.getName()) : null;
                if (ref == null || ref.part() != 0 && ref.part() != BundleEntries.DELTA_PART) {
                    continue;
                }
                if (!store.exists(ref.sha256()) && ref.part() == BundleEntries.DELTA_PART) {
                    io.ferry.imports.DeltaIngest.Prefix prefix = io.ferry.imports.DeltaIngest.keep(store, ref.sha256(), e.getSize(), tar);
                    if (prefix != null) { // cut inside: its beginning is kept, the next receipt lists it, and the stream is over
                        recordPrefix(orgId, prefix, ref.sha256());
                        LOG.infof("Kept the first %d bytes of blob %s, rebuilt from a delta cut off, as blob %s", prefix.size(),
                                ref.sha256(), prefix.sha256());
                        break;
                    }
                } else if (!store.exists(ref.sha256())) {
                    store.put(tar, ref.sha256()); // throws on a digest mismatch: a blob cut off where the transfer broke
                }
                batch.add(ref.sha256());
                kept++;
                if (batch.size() >= BATCH) {
                    record(orgId, batch);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Partial bundle %s ends after %d whole blobs: %s", file, kept, e.getMessage());
        } finally {
            record(orgId, batch);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Cannot remove %s: %s", file, e.getMessage());
            }
        }
        if (kept > 0) {
            LOG.infof("Kept %d verified blob(s) of a broken-off sync transfer; the next sync does not receive them again.", kept);
        }
        return kept;
    }

    private void record(long orgId, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> rows = List.copyOf(batch);
        batch.clear();
        QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> {
            try (var ps = c.prepareStatement("insert into sync_held_blob (organization_id, sha256) values (?, ?) on conflict do nothing")) {
                for (String sha : rows) {
                    ps.setLong(1, orgId);
                    ps.setString(2, sha);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    private void recordPrefix(long orgId, io.ferry.imports.DeltaIngest.Prefix prefix, String of) {
        QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> Sql.update(c, "insert into sync_held_partial (organization_id, "
                + "sha256, of_sha256, size) values (?, ?, ?, ?) on conflict do nothing", orgId, prefix.sha256(), of, prefix.size())));
    }

    /** After a sync imported everything it followed, the held blobs and beginnings are content (or no longer needed). */
    public void forget(long orgId) {
        QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> {
            Sql.update(c, "delete from sync_held_blob where organization_id = ?", orgId);
            return Sql.update(c, "delete from sync_held_partial where organization_id = ?", orgId);
        }));
    }
}
