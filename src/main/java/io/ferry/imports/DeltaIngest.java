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
public final class DeltaIngest {
    private DeltaIngest() {
    }

    static void rebuild(Manifest manifest, BlobStore store, BlobBatch batch, String sha, long size, Volume.Entry e, InputStream in,
                        String where, LongConsumer progress) throws IOException {
        rebuild(store, batch.newFile(), base -> manifest.index().deltaBase(sha, base), sha, size, e.size(), in,
                "Entry '" + e.name() + "' of " + where, progress, temp -> batch.adoptHashed(temp, sha, sha), (b, off, n) -> { });
    }

    /** The rebuilt beginning of a blob whose delta broke off: a blob of its own ({@code sha256}, {@code size} bytes). */
    public record Prefix(String sha256, long size) {
    }

    /**
     * Keeps the delta of a transfer that broke off (its bases held here, its blob's size from its header). A whole delta:
     * the blob is rebuilt, checked and stored (answers null). A delta cut inside: the chunks rebuilt before the cut, each
     * checked, are stored as a blob of their own, the beginning of {@code sha} (answered; null when not one chunk arrived),
     * so the next transfer need not carry them again. Either way the caller's stream has ended or broke.
     */
    public static Prefix keep(BlobStore store, String sha, long entrySize, InputStream in) throws IOException {
        Path prefix = store.newTempFile("delta-prefix-");
        MessageDigest md = BlobStore.sha256();
        long[] written = {0};
        try (FileChannel copy = FileChannel.open(prefix, StandardOpenOption.WRITE)) {
            try {
                rebuild(store, store.newTempFile("delta-"), base -> true, sha, -1, entrySize, in, "Delta " + sha
                        + " of a broken-off transfer", n -> { }, temp -> store.adoptHashed(temp, sha, sha), (chunk, off, n) -> {
                            md.update(chunk, off, n);
                            ByteBuffer bb = ByteBuffer.wrap(chunk, off, n);
                            while (bb.hasRemaining()) {
                                copy.write(bb);
                            }
                            written[0] += n;
                        });
                Files.deleteIfExists(prefix);
                return null;
            } catch (FerryException cut) {
                if (cut.errorCode() != ErrorCode.IMPORT_CORRUPT || written[0] == 0) {
                    Files.deleteIfExists(prefix);
                    throw cut;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(prefix);
            throw e;
        }
        String p = HexFormat.of().formatHex(md.digest());
        store.adoptHashed(prefix, p, p);
        return new Prefix(p, written[0]);
    }

    /** Also receives the checked chunks as they are rebuilt. */
    private interface Tap {
        void chunk(byte[] b, int off, int n) throws IOException;
    }

    private static void rebuild(BlobStore store, Path temp, java.util.function.Predicate<String> listed, String sha, long size,
                                long entrySize, InputStream in, String what, LongConsumer progress,
                                java.util.function.Consumer<Path> place, Tap tap) throws IOException {
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
                        return listed.test(base);
                    }
                };
                DeltaAssembly.assemble(in, entrySize, size, bases, (chunk, off, n, chunkSha) -> {
                    md.update(chunk, off, n);
                    if (index != null) {
                        index.add(n, chunkSha); // the delta's chunks are the blob's: no second cutting and hashing
                    }
                    ByteBuffer bb = ByteBuffer.wrap(chunk, off, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    tap.chunk(chunk, off, n);
                }, progress, what);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(sha)) {
                throw new FerryException(ErrorCode.IMPORT_CHECKSUM_MISMATCH, "Blob " + sha + " rebuilt from " + what.substring(0, 1)
                        .toLowerCase(java.util.Locale.ROOT) + what.substring(1) + " hashes to " + actual + ", though each of its "
                        + "chunks is valid: the chunk list was altered (chunks swapped or replaced). Nothing of it was stored and "
                        + "nothing was imported; copy the bundle again from the source.", "path");
            }
            place.accept(temp);
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
