package io.ferry.export;

import io.ferry.common.Sql;
import io.ferry.delta.DeltaConfig;
import io.ferry.delta.DeltaPlan;
import io.ferry.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which carried blobs of an incremental export travel as deltas (docs/deltas.md): a large blob with a chunk
 * index whose chunks are mostly in blobs the receiver holds (those of the base export, or those the receipt lists)
 * is written as the chunks it lacks plus the chunk list. The recipes go to {@code dir}; the plan is recorded in
 * {@code export_blob.delta_size} and {@code export_delta_base}. Complete exports, and blobs whose delta would not fit
 * one volume, carry blobs whole.
 */
@ApplicationScoped
public class ExportDeltas {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ExportDeltas.class);
    /** Targets planned together: their chunks are what memory holds while the candidates' indexes are read. */
    static final int BATCH = 64;

    @Inject
    EntityManager em;
    @Inject
    BlobStore blobs;
    @Inject
    DeltaConfig config;
    @Inject
    ExportPlanner planner;

    /** What the deltas of an export save. */
    public record Saved(long blobs, long bytes) {
        static final Saved NONE = new Saved(0, 0);
    }

    /** Plans and records the deltas of export {@code exportId}; {@code maxPart} is the largest piece a volume holds. */
    public Saved plan(long exportId, ExportBase base, String format, long maxPart, Path dir, Runnable checkCanceled) {
        if (!applies(base, format)) {
            return Saved.NONE;
        }
        Saved s = run(targets(exportId, blobs.chunkIndexes().minBlobSize()), base, maxPart, dir, checkCanceled, true,
                planned -> record(exportId, planned));
        if (s.blobs() > 0) {
            recordTotals(exportId, s);
        }
        return s;
    }

    /** What deltas would save for an export not yet recorded (a dry run): planned in a temp dir, nothing kept. */
    public Saved estimate(ExportScope scope, ExportBase base, String format) {
        if (!applies(base, format)) {
            return Saved.NONE;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(blobs.tempDir(), "delta-plan-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return run(planner.carriedAtLeast(scope, base, blobs.chunkIndexes().minBlobSize()), base, Long.MAX_VALUE, dir, () -> { }, false,
                    planned -> { });
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // the store's temp cleanup removes it later
            }
        }
    }

    private boolean applies(ExportBase base, String format) {
        return config.enabled() && base != null && blobs.chunkIndexes() != null && blobs.chunkIndexes().minBlobSize() >= 0;
    }

    private Saved run(List<String> targets, ExportBase base, long maxPart, Path dir, Runnable checkCanceled, boolean backfill,
                      java.util.function.Consumer<List<DeltaPlan.Planned>> sink) {
        if (targets.isEmpty()) {
            return Saved.NONE;
        }
        List<DeltaPlan.Candidate> candidates = new ArrayList<>();
        for (String sha : candidates(base, blobs.chunkIndexes().minBlobSize())) {
            if (indexed(sha, checkCanceled, backfill)) {
                candidates.add(new DeltaPlan.Candidate(sha, blobs.chunkIndexes().file(sha)));
            }
        }
        if (base.receipt() != null) {
            java.util.Set<String> carried = new java.util.HashSet<>(targets);
            for (String[] p : partials(base.receipt().id())) { // beginnings of blobs a broken-off delta left downstream
                if (carried.contains(p[1]) && indexed(p[1], checkCanceled, backfill)) { // only of blobs this export carries
                    candidates.add(new DeltaPlan.Candidate(p[0], blobs.chunkIndexes().file(p[1]), p[1], Long.parseLong(p[2])));
                }
            }
        }
        if (candidates.isEmpty()) {
            return Saved.NONE;
        }
        long count = 0;
        long saved = 0;
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < targets.size(); i += BATCH) {
                checkCanceled.run();
                Map<String, Path> batch = new LinkedHashMap<>();
                for (String sha : targets.subList(i, Math.min(targets.size(), i + BATCH))) {
                    if (indexed(sha, checkCanceled, backfill)) {
                        batch.put(sha, blobs.chunkIndexes().file(sha));
                    }
                }
                List<DeltaPlan.Planned> planned = new ArrayList<>();
                for (DeltaPlan.Planned p : DeltaPlan.plan(batch, candidates, dir)) {
                    if (p.deltaSize() <= maxPart) {
                        planned.add(p);
                        count++;
                        saved += p.saved();
                    } else {
                        Files.deleteIfExists(p.recipe());
                    }
                }
                sink.accept(planned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Planning deltas failed: " + e.getMessage(), e);
        }
        return new Saved(count, saved);
    }

    /**
     * Whether blob {@code sha} has a chunk index, making it now (one read of the blob) when it was stored before indexing
     * (an older Ferry, or indexing off then): the first export that could use it pays for it once. A dry run
     * ({@code backfill} false) reads no blob: it counts only the deltas existing indexes allow.
     */
    private boolean indexed(String sha, Runnable checkCanceled, boolean backfill) {
        if (Files.exists(blobs.chunkIndexes().file(sha))) {
            return true;
        }
        if (!backfill) {
            return false;
        }
        Path file = blobs.file(sha);
        if (!Files.exists(file)) {
            return false; // listed by a receipt, not held here
        }
        checkCanceled.run();
        try {
            boolean made = blobs.chunkIndexes().backfill(file, sha);
            if (made) {
                LOG.infof("Made the chunk index of blob %s (stored before indexing) for deltas", sha);
            }
            return made;
        } catch (IOException e) {
            LOG.warnf("Cannot index blob %s for deltas, it goes whole: %s", sha, e.getMessage());
            return false;
        }
    }

    /** The recipe of a delta blob of this export. */
    public static Path recipe(Path dir, String sha256) {
        return dir.resolve(sha256 + ".recipe");
    }

    @Transactional
    List<String> targets(long exportId, long min) {
        return Sql.work(em, c -> Sql.rows(c, "select sha256 from export_blob where export_id = ? and size >= ? order by sha256",
                rs -> rs.getString(1), exportId, min));
    }

    /** The large blobs the receiver holds: those of the base's state, or those its receipt lists. */
    @Transactional
    List<String> candidates(ExportBase base, long min) {
        return Sql.work(em, c -> {
            if (base.receipt() != null) {
                return Sql.rows(c, "select distinct r.sha256 from export_receipt_blob r join content_unit u on u.sha256 = r.sha256 "
                        + "where r.receipt_id = ? and u.size >= ?", rs -> rs.getString(1), base.receipt().id(), min);
            }
            Object[] p = java.util.Arrays.copyOf(base.params(), base.params().length + 1);
            p[p.length - 1] = min;
            return Sql.rows(c, "select distinct sha256 from (" + ExportScope.unitsOf(base.reposSql()) + ") b where size >= ?",
                    rs -> rs.getString(1), p);
        });
    }

    @Transactional
    List<String[]> partials(long receiptId) {
        return Sql.work(em, c -> Sql.rows(c, "select sha256, of_sha256, size from export_receipt_partial where receipt_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, receiptId));
    }

    @Transactional
    void record(long exportId, List<DeltaPlan.Planned> planned) {
        if (planned.isEmpty()) {
            return;
        }
        Sql.work(em, c -> {
            try (var size = c.prepareStatement("update export_blob set delta_size = ? where export_id = ? and sha256 = ?");
                 var bases = c.prepareStatement("insert into export_delta_base (export_id, sha256, base_sha256) values (?, ?, ?)")) {
                for (DeltaPlan.Planned p : planned) {
                    Sql.bind(size, p.deltaSize(), exportId, p.sha256());
                    size.addBatch();
                    for (String b : p.bases()) {
                        Sql.bind(bases, exportId, p.sha256(), b);
                        bases.addBatch();
                    }
                }
                size.executeBatch();
                bases.executeBatch();
            }
            return null;
        });
    }

    @Transactional
    void recordTotals(long exportId, Saved s) {
        Sql.work(em, c -> Sql.update(c, "update export set delta_blobs = ?, delta_saved_bytes = ? where id = ?", s.blobs(), s.bytes(),
                exportId));
    }
}
