package io.ferry.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.Sql;
import io.ferry.export.media.HashingOutputStream;
import io.ferry.storage.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The plan of an export, all in set-based SQL: the scope's repository versions, the blobs to carry
 * (the scope's blobs EXCEPT the base's), and which volume holds each blob or part. Plans live in
 * {@code export_blob}/{@code export_part}, so nothing grows in memory with the number of units.
 */
@ApplicationScoped
public class ExportPlanner {
    static final int PAGE = 2000;

    @Inject
    EntityManager em;
    @Inject
    BlobStore blobs;
    @Inject
    ObjectMapper json;

    /** What sizes the manifest and the free-space check: the scope's units and the blobs to carry. */
    public record Sizes(long repositories, long units, long unitPathBytes, long metadataBytes, long newBlobs, long newBytes) {
        /**
         * A generous upper bound of the manifest's size, kept free in every volume. Parts are estimated from
         * the volume size: a split blob has about one part per half volume.
         */
        long manifestReserve(Long volumeSize) {
            long parts = volumeSize == null ? 16 : newBytes / Math.max(1, volumeSize / 2) + 16;
            long estimate = 80 * 1024 + repositories * 1024 + units * 160 + 2 * (unitPathBytes + metadataBytes)
                    + newBlobs * 200 + parts * 260;
            return estimate + estimate / 4;
        }

        /**
         * The manifest's likely size (not a bound): the bytes its entries take in compact JSON, for estimates and the
         * overhead check. {@link #manifestReserve} stays the bound the layout keeps free.
         */
        long expectedManifest(Long volumeSize, int volumes) {
            long parts = volumeSize == null ? 0 : newBytes / Math.max(1, volumeSize);
            return 4096 + repositories * 600 + units * 130 + unitPathBytes + metadataBytes + newBlobs * 200 + parts * 260
                    + volumes * 90L;
        }

        /**
         * What every volume of a multi-volume export repeats: its copy of the manifest, the volume marker with the
         * signature, and the format's fixed structures (ISO system area, descriptors, directories).
         */
        long perVolumeOverhead(String format, Long volumeSize, int volumes) {
            return expectedManifest(volumeSize, volumes) + (format.equals("iso") ? 48 * 1024 : 6 * 1024);
        }

        /** The likely total size of an export's volumes (before compression, which makes a tgz of text smaller). */
        long estimatedBytes(String format, Long volumeSize, int volumes) {
            long perBlob = switch (format) {
                case "iso" -> 1100; // sector padding (1 KiB on average) and a directory record
                case "tgz" -> 768; // a tar header and record padding
                default -> 0;
            };
            return newBytes + newBlobs * perBlob + perVolumeOverhead(format, volumeSize, volumes) * (long) volumes;
        }
    }

    /** A dry run's counts: the sizes plus all blobs of the scope (carried or already in the base). */
    public record Counts(Sizes sizes, long blobs, long blobBytes) {
    }

    private static final String UNIT_STATS = "select count(*), coalesce(sum(octet_length(rc.relative_path)), 0), "
            + "coalesce(sum(octet_length(u.metadata::text)), 0) from (%s) s(repository_id, version) "
            + "join repository_content rc on rc.repository_id = s.repository_id and rc.version_added <= s.version "
            + "and (rc.version_removed is null or rc.version_removed > s.version) join content_unit u on u.id = rc.unit_id";

    private static String carriedSql(ExportScope scope, ExportBase base) {
        String sql = "select distinct sha256, size from (" + scope.unitsSql() + ") c";
        if (base != null && base.receipt() != null) {
            return sql + " where not exists (select 1 from export_receipt_blob r where r.receipt_id = ? and r.sha256 = c.sha256)";
        }
        if (base != null) {
            sql = "(" + sql + ") except (select sha256, size from (" + ExportScope.unitsOf(base.reposSql()) + ") b)";
        }
        return sql;
    }

    private static Object[] carriedParams(ExportScope scope, ExportBase base) {
        if (base == null) {
            return scope.params();
        }
        Object[] p = new Object[scope.params().length + base.params().length];
        System.arraycopy(scope.params(), 0, p, 0, scope.params().length);
        System.arraycopy(base.params(), 0, p, scope.params().length, base.params().length);
        return p;
    }

    @Transactional
    public Counts counts(ExportScope scope, ExportBase base) {
        return Sql.work(em, c -> {
            long repositories = Sql.longs(c, "select count(*) from (" + scope.reposSql() + ") s", scope.params())[0];
            long[] units = Sql.longs(c, String.format(UNIT_STATS, scope.reposSql()), scope.params());
            long[] all = Sql.longs(c, "select count(*), coalesce(sum(size), 0) from (" + carriedSql(scope, null) + ") a",
                    scope.params());
            long[] carried = base == null ? all
                    : Sql.longs(c, "select count(*), coalesce(sum(size), 0) from (" + carriedSql(scope, base) + ") a",
                    carriedParams(scope, base));
            return new Counts(new Sizes(repositories, units[0], units[1], units[2], carried[0], carried[1]), all[0], all[1]);
        });
    }

    /** The carried blobs of at least {@code min} bytes, in SHA-256 order (the candidates for deltas in a dry run). */
    @Transactional
    public List<String> carriedAtLeast(ExportScope scope, ExportBase base, long min) {
        Object[] cp = carriedParams(scope, base);
        Object[] p = java.util.Arrays.copyOf(cp, cp.length + 1);
        p[cp.length] = min;
        return Sql.work(em, c -> Sql.rows(c, "select sha256 from (" + carriedSql(scope, base) + ") a where size >= ? order by sha256",
                rs -> rs.getString(1), p));
    }

    /** Simulates the volume layout of the carried blobs (for a dry run): streamed, nothing stored. */
    @Transactional
    public int countVolumes(ExportScope scope, ExportBase base, VolumeLayout layout) {
        return Sql.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("select size from (" + carriedSql(scope, base) + ") a order by sha256")) {
                Sql.bind(ps, carriedParams(scope, base));
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        layout.place(rs.getLong(1));
                    }
                }
            }
            return layout.volumes();
        });
    }

    /** What {@link #record} wrote: the export's id and its sizes. */
    public record Recorded(long id, Sizes sizes) {
    }

    /** Records a running export with its state (repository versions) and the blobs it will carry. */
    @Transactional
    public Recorded record(ExportScope scope, ExportBase base, ExportJob job, String user, UUID taskId) {
        return Sql.work(em, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into export (organization_id, scope_type, scope_key, scope, type, "
                    + "base_export_id, base_manifest_sha256, base_since, destination, format, compression, volume_size, status, "
                    + "created_by, task_id, base_receipt_id) values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?) "
                    + "returning id")) {
                Sql.bind(ps, scope.organizationId(), scope.kind(), scope.key(), json.writeValueAsString(scope.labels()),
                        base == null ? "complete" : "incremental", base == null ? null : base.exportId(),
                        base == null ? null : base.manifestSha256(), base == null ? null : base.since(), job.destination(),
                        job.format(), job.compression(), job.volumeSize(), user, taskId,
                        base == null || base.receipt() == null ? null : base.receipt().id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Object[] p = new Object[scope.params().length + 1];
            p[0] = id;
            System.arraycopy(scope.params(), 0, p, 1, scope.params().length);
            Sql.update(c, "insert into export_repository (export_id, repository_id, version) select ?, s.repository_id, s.version "
                    + "from (" + scope.reposSql() + ") s(repository_id, version)", p);
            Object[] cp = carriedParams(scope, base);
            Object[] bp = new Object[cp.length + 1];
            bp[0] = id;
            System.arraycopy(cp, 0, bp, 1, cp.length);
            Sql.update(c, "insert into export_blob (export_id, sha256, size) select ?, sha256, size from ("
                    + carriedSql(scope, base) + ") a", bp);
            String recorded = "select repository_id, version from export_repository where export_id = ?";
            long repositories = Sql.longs(c, "select count(*) from export_repository where export_id = ?", id)[0];
            long[] units = Sql.longs(c, String.format(UNIT_STATS, recorded), id);
            long[] blobs = Sql.longs(c, "select count(*), coalesce(sum(size), 0) from export_blob where export_id = ?", id);
            Sql.update(c, "update export set unit_count = ?, blob_count = ?, blob_bytes = ? where id = ?", units[0], blobs[0],
                    blobs[1], id);
            return new Recorded(id, new Sizes(repositories, units[0], units[1], units[2], blobs[0], blobs[1]));
        });
    }

    /** Bytes of the carried blobs that will be split into parts (and so hashed once more while planning). */
    @Transactional
    public long splitBytes(long exportId, long maxPart) {
        return Sql.work(em, c -> Sql.longs(c, "select coalesce(sum(size), 0) from export_blob where export_id = ? "
                + "and coalesce(delta_size, size) > ?", exportId, maxPart)[0]);
    }

    /**
     * Places every carried blob in a volume, in SHA-256 order. Parts of split blobs are hashed here (the
     * manifest names each part's digest before any volume is written); {@code progress} gets the bytes hashed.
     */
    public int assign(long exportId, VolumeLayout layout, LongConsumer progress, Runnable checkCanceled) {
        if (layout.allWholeInOne()) { // one set-based statement instead of an update per blob
            QuarkusTransaction.requiringNew().run(() -> Sql.work(em, c -> Sql.update(c,
                    "update export_blob set volume = 1 where export_id = ?", exportId)));
            return 1;
        }
        String after = "";
        while (true) {
            List<Object[]> page = page(exportId, after);
            List<Object[]> wholes = new ArrayList<>();
            List<Object[]> parts = new ArrayList<>();
            for (Object[] row : page) {
                String sha = (String) row[0];
                long size = (Long) row[1];
                List<VolumeLayout.Piece> pieces = layout.place(size);
                if (pieces.size() == 1 && pieces.get(0).part() == 0) {
                    wholes.add(new Object[] {pieces.get(0).volume(), exportId, sha});
                    continue;
                }
                for (VolumeLayout.Piece piece : pieces) {
                    checkCanceled.run();
                    parts.add(new Object[] {exportId, sha, piece.part(), piece.volume(), piece.offset(), piece.size(),
                            hashRange(sha, piece.offset(), piece.size(), progress)});
                }
            }
            save(wholes, parts);
            checkCanceled.run();
            if (page.size() < PAGE) {
                return layout.volumes();
            }
            after = (String) page.get(page.size() - 1)[0];
        }
    }

    @Transactional
    List<Object[]> page(long exportId, String after) {
        return Sql.work(em, c -> {
            List<Object[]> out = new ArrayList<>(PAGE);
            try (PreparedStatement ps = c.prepareStatement("select sha256, coalesce(delta_size, size) from export_blob "
                    + "where export_id = ? and sha256 > ? "
                    + "order by sha256 limit " + PAGE)) {
                Sql.bind(ps, exportId, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getString(1), rs.getLong(2)});
                    }
                }
            }
            return out;
        });
    }

    @Transactional
    void save(List<Object[]> wholes, List<Object[]> parts) {
        Sql.work(em, c -> {
            batch(c, "update export_blob set volume = ? where export_id = ? and sha256 = ?", wholes);
            batch(c, "insert into export_part (export_id, sha256, part, volume, part_offset, size, part_sha256) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", parts);
            return null;
        });
    }

    private static void batch(java.sql.Connection c, String sql, List<Object[]> rows) throws java.sql.SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] r : rows) {
                Sql.bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String hashRange(String sha, long offset, long size, LongConsumer progress) {
        HashingOutputStream digest = new HashingOutputStream(OutputStream.nullOutputStream());
        try {
            new BundleEntry(BundlePaths.blob(sha), blobs.file(sha), offset, size, true).copyTo(digest, progress::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digest.sha256();
    }
}
