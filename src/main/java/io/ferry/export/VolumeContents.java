package io.ferry.export;

import io.ferry.common.Sql;
import io.ferry.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The files of one volume, in bundle order: manifest, volume marker, then blobs, deltas and parts by SHA-256. */
@ApplicationScoped
public class VolumeContents {
    @Inject
    EntityManager em;
    @Inject
    BlobStore blobs;
    @Inject
    ExportLocations locations;

    @FunctionalInterface
    public interface EntryConsumer {
        void accept(BundleEntry entry) throws IOException;
    }

    public void forEach(long exportId, int volume, Path manifest, Path marker, EntryConsumer consumer) throws IOException {
        consumer.accept(new BundleEntry(BundlePaths.MANIFEST, manifest, 0, java.nio.file.Files.size(manifest), false));
        consumer.accept(new BundleEntry(BundlePaths.VOLUME, marker, 0, java.nio.file.Files.size(marker), false));
        Path signature = BundlePaths.signatureOf(manifest);
        if (java.nio.file.Files.exists(signature)) {
            consumer.accept(new BundleEntry(BundlePaths.SIGNATURE, signature, 0, java.nio.file.Files.size(signature), false));
        }
        String afterSha = "";
        int afterPart = -1;
        while (true) {
            List<Object[]> page = page(exportId, volume, afterSha, afterPart);
            for (Object[] r : page) {
                String sha = (String) r[0];
                int part = (Integer) r[1];
                if ((Boolean) r[4]) {
                    consumer.accept(BundleEntry.delta(sha, blobs.file(sha), (Long) r[3],
                            ExportDeltas.recipe(locations.deltaDir(exportId), sha)));
                    continue;
                }
                String path = part == 0 ? BundlePaths.blob(sha) : BundlePaths.part(sha, part);
                consumer.accept(new BundleEntry(path, blobs.file(sha), (Long) r[2], (Long) r[3], true));
            }
            if (page.size() < ExportPlanner.PAGE) {
                return;
            }
            Object[] last = page.get(page.size() - 1);
            afterSha = (String) last[0];
            afterPart = (Integer) last[1];
        }
    }

    @Transactional
    List<Object[]> page(long exportId, int volume, String afterSha, int afterPart) {
        return Sql.work(em, c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select * from (select sha256, 0 as part, 0::bigint as off, "
                    + "coalesce(delta_size, size), delta_size is not null from export_blob where export_id = ? and volume = ? "
                    + "union all select sha256, part, part_offset, size, false "
                    + "from export_part where export_id = ? and volume = ?) e where (sha256, part) > (?, ?) "
                    + "order by sha256, part limit " + ExportPlanner.PAGE)) {
                Sql.bind(ps, exportId, volume, exportId, volume, afterSha, afterPart);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)});
                    }
                }
            }
            return out;
        });
    }
}
