package io.ferry.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.FerryException;
import io.ferry.storage.BlobBatch;
import io.ferry.storage.BlobRef;
import io.ferry.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk indexes written by a real blob store while it stores (stream, adopted file, batch), threshold 1 MiB: large
 * blobs get one that verifies and names each chunk by the SHA-256 of its bytes; small, refused and unindexed blobs
 * get none and leave no temp file. A damaged or forged index file (a flipped byte, cut short, lengths that do not
 * add up to the blob, a chunk longer than the maximum, other parameters) is refused saying why.
 */
class ChunkIndexFileTest {
    static final long THRESHOLD = 1 << 20;

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha(byte[] data, int off, int len) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(data, off, len);
        return HexFormat.of().formatHex(md.digest());
    }

    static List<ChunkIndex.Entry> entries(ChunkIndex index) throws Exception {
        List<ChunkIndex.Entry> out = new ArrayList<>();
        index.forEach(out::add);
        return out;
    }

    static void assertIndexes(BlobStore store, BlobRef ref, byte[] data) throws Exception {
        ChunkIndex index = ChunkIndex.open(store.chunkIndexes().file(ref.sha256()));
        assertThat(index.blobSha256()).isEqualTo(ref.sha256());
        assertThat(index.blobSize()).isEqualTo(data.length);
        List<ChunkIndex.Entry> es = entries(index);
        assertThat(es).hasSize((int) index.chunks()).hasSizeGreaterThan(3);
        for (ChunkIndex.Entry e : es) {
            assertThat(e.sha256()).isEqualTo(sha(data, (int) e.offset(), e.length()));
        }
    }

    static long tempFiles(Path root) throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("index-")).count();
        }
    }

    @Test
    void largeBlobsAreIndexedWhileStoredAndOthersAreNot(@TempDir Path root) throws Exception {
        BlobStore store = new BlobStore(root, THRESHOLD);
        byte[] big = random(5 << 20, 1);
        BlobRef streamed = store.put(new ByteArrayInputStream(big), sha(big, 0, big.length));
        assertIndexes(store, streamed, big);

        byte[] adopted = random(3 << 20, 2);
        Path file = Files.write(store.newTempFile("upload-"), adopted);
        assertIndexes(store, store.adopt(file, null), adopted);

        byte[] batched = random(4 << 20, 3);
        BlobRef inBatch;
        try (BlobBatch batch = store.batch()) {
            inBatch = batch.put(new ByteArrayInputStream(batched), null);
            batch.flush();
        }
        assertIndexes(store, inBatch, batched);

        byte[] small = random((int) THRESHOLD - 1, 4);
        BlobRef s = store.put(new ByteArrayInputStream(small), null);
        assertThat(store.chunkIndexes().file(s.sha256())).doesNotExist();

        byte[] refused = random(2 << 20, 5);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(refused), "0".repeat(64))).isInstanceOf(FerryException.class);
        assertThat(store.chunkIndexes().file(sha(refused, 0, refused.length))).doesNotExist();
        assertThat(tempFiles(root)).isZero();

        BlobStore plain = new BlobStore(root.resolve("plain"));
        assertThat(plain.chunkIndexes()).isNull();
        plain.put(new ByteArrayInputStream(big), null);
        assertThat(root.resolve("plain/chunks")).doesNotExist();
    }

    /** Recomputes the trailing checksum, as a forger who knows the format would. */
    static byte[] reseal(byte[] f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(f, 0, f.length - 32);
        System.arraycopy(md.digest(), 0, f, f.length - 32, 32);
        return f;
    }

    @Test
    void aDamagedOrForgedIndexIsRefusedSayingWhy(@TempDir Path root) throws Exception {
        BlobStore store = new BlobStore(root, THRESHOLD);
        byte[] big = random(3 << 20, 6);
        BlobRef ref = store.put(new ByteArrayInputStream(big), null);
        Path file = store.chunkIndexes().file(ref.sha256());
        byte[] good = Files.readAllBytes(file);
        Path bad = root.resolve("bad.cdx");

        byte[] flipped = good.clone();
        flipped[ChunkFormat.HEADER + 5] ^= 1;
        assertRefused(bad, flipped, "checksum");
        assertRefused(bad, Arrays.copyOf(good, good.length - 7), "whole entries");
        assertRefused(bad, Arrays.copyOf(good, ChunkFormat.HEADER + ChunkFormat.ENTRY), "whole entries");

        byte[] sizeOff = good.clone(); // the trailer claims one byte more than the chunks hold
        int sizeAt = good.length - 32 - 32 - 8;
        ByteBuffer.wrap(sizeOff).putLong(sizeAt, ByteBuffer.wrap(good).getLong(sizeAt) + 1);
        assertRefused(bad, reseal(sizeOff), "bytes claimed");

        byte[] tooLong = good.clone(); // the first chunk claims more than the maximum
        ByteBuffer.wrap(tooLong).putInt(ChunkFormat.HEADER + 32, Chunker.MAX + 1);
        assertRefused(bad, reseal(tooLong), "outside 1..");

        byte[] otherParams = good.clone(); // cut with another minimum
        ByteBuffer.wrap(otherParams).putInt(16, Chunker.MIN * 2);
        assertRefused(bad, reseal(otherParams), "other parameters");

        byte[] notAnIndex = good.clone();
        notAnIndex[0] = 'X';
        assertRefused(bad, reseal(notAnIndex), "not a chunk index");

        assertThat(ChunkIndex.open(file).chunks()).isPositive(); // the original still verifies
    }

    static void assertRefused(Path at, byte[] content, String why) throws Exception {
        Files.write(at, content);
        assertThatThrownBy(() -> ChunkIndex.open(at)).isInstanceOf(ChunkIndex.InvalidIndex.class).hasMessageContaining(why);
    }
}
