package io.ferry.imports;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.delta.ChunkIndexes;
import io.ferry.delta.DeltaAssembly;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.Volume;
import io.ferry.storage.BlobBatch;
import io.ferry.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Stores a blob a bundle carries as its delta: rebuilt into a batch file from the chunks of base blobs held here and
 * the chunks the entry carries (each checked by {@link DeltaAssembly}), hashed on the way; its chunk index is the
 * delta's checked chunk list, so it is not cut again. Placed with the batch only when the whole blob's SHA-256 is its name.
 */
final class DeltaIngest {
    private DeltaIngest() {
    }

    static void rebuild(Manifest manifest, BlobStore store, BlobBatch batch, String sha, long size, Volume.Entry e, InputStream in,
                        String where, LongConsumer progress) throws IOException {
        Path temp = batch.newFile();
        MessageDigest md = BlobStore.sha256();
        ChunkIndexes.Indexing index = store.chunkIndexes() == null ? null : store.chunkIndexes().start(size);
        boolean placed = false;
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                DeltaAssembly.Bases bases = new DeltaAssembly.Bases() {
                    @Override
                    public Path file(String base) {
                        return store.exists(base) ? store.file(base) : null;
                    }

                    @Override
                    public boolean listed(String base) {
                        return manifest.index().deltaBase(sha, base);
                    }
                };
                DeltaAssembly.assemble(in, e.size(), size, bases, (chunk, off, n, chunkSha) -> {
                    md.update(chunk, off, n);
                    if (index != null) {
                        index.add(n, chunkSha); // the delta's chunks are the blob's: no second cutting and hashing
                    }
                    ByteBuffer bb = ByteBuffer.wrap(chunk, off, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }, progress, "Entry '" + e.name() + "' of " + where);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(sha)) {
                throw new FerryException(ErrorCode.IMPORT_CHECKSUM_MISMATCH, "Blob " + sha + " rebuilt from the delta '" + e.name()
                        + "' of " + where + " hashes to " + actual + ", though each of its chunks is valid: the chunk list was "
                        + "altered (chunks swapped or replaced). Nothing of it was stored and nothing was imported; copy the "
                        + "bundle again from the source.", "path");
            }
            batch.adoptHashed(temp, sha, sha);
            placed = true;
            if (index != null) {
                index.commit(sha);
            }
        } finally {
            if (!placed) {
                Files.deleteIfExists(temp);
                if (index != null) {
                    index.abandon();
                }
            }
        }
    }
}
