package io.ferry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobBatchTest {
    @TempDir
    Path dir;

    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStagedBlobReachesItsFinalPathOnlyWhenTheBatchIsFlushed() throws Exception {
        BlobStore store = new BlobStore(dir);
        try (BlobBatch batch = store.batch()) {
            BlobRef a = batch.put(text("first unit"), null);
            assertThat(a.sha256()).isEqualTo(Sha256sum.of("first unit".getBytes(StandardCharsets.UTF_8)));
            assertThat(store.exists(a.sha256())).as("not placed before the flush").isFalse();
            assertThat(batch.has(a.sha256())).as("but known to the batch, so not written twice").isTrue();
            BlobRef again = batch.put(text("first unit"), null);
            assertThat(again).isEqualTo(a);
            try (Stream<Path> staged = Files.list(store.tempDir())) {
                Path staging = staged.filter(p -> p.getFileName().toString().startsWith("batch-")).findFirst().orElseThrow();
                try (Stream<Path> files = Files.list(staging)) {
                    assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(a.sha256());
                }
            }
            batch.flush();
            assertThat(store.exists(a.sha256())).isTrue();
            assertThat(Sha256sum.of(store.file(a.sha256()))).isEqualTo(a.sha256());
            assertThat(batch.placed()).isEqualTo(1);
        }
        try (Stream<Path> left = Files.list(store.tempDir())) {
            assertThat(left.toList()).as("the staging directory is gone after close").isEmpty();
        }
    }

    @Test
    void whatIsNotFlushedIsDroppedOnCloseAndAStaleStagingDirectoryIsCleanedAtStart() throws Exception {
        BlobStore store = new BlobStore(dir);
        String sha;
        try (BlobBatch batch = store.batch()) {
            sha = batch.put(text("never committed"), null).sha256();
        }
        assertThat(store.exists(sha)).isFalse();
        BlobBatch crashed = store.batch(); // a process killed before its flush leaves this behind
        crashed.put(text("left by a crash"), null);
        assertThat(store.cleanTemp(Duration.ofHours(24))).isEqualTo(1);
        try (Stream<Path> left = Files.list(store.tempDir())) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void aWrongDigestKeepsNothingAndTheBatchFlushesByItselfWhenFull() throws Exception {
        BlobStore store = new BlobStore(dir);
        try (BlobBatch batch = new BlobBatch(store, 3, Long.MAX_VALUE)) {
            assertThatThrownBy(() -> batch.put(text("tampered"), "ab".repeat(32))).isInstanceOf(FerryException.class)
                    .extracting(e -> ((FerryException) e).errorCode()).isEqualTo(ErrorCode.BLOB_DIGEST_MISMATCH);
            List<String> shas = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                shas.add(batch.put(text("unit " + i), null).sha256());
            }
            assertThat(shas.stream().filter(store::exists)).as("two automatic flushes of three").hasSize(6);
            batch.flush();
            assertThat(shas).allMatch(store::exists);
            assertThat(store.exists(Sha256sum.of("tampered".getBytes(StandardCharsets.UTF_8)))).isFalse();
        }
    }

    @Test
    void blobsAroundTheInMemorySizeAreStoredWithTheirExactBytes() throws Exception {
        BlobStore store = new BlobStore(dir);
        java.util.Random random = new java.util.Random(3);
        try (BlobBatch batch = store.batch()) {
            List<byte[]> blobs = new ArrayList<>();
            for (int size : new int[] {0, 1, Buffers.SIZE - 1, Buffers.SIZE, Buffers.SIZE + 1, 3 * Buffers.SIZE + 17}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                blobs.add(data);
                BlobRef ref = batch.put(new ByteArrayInputStream(data), Sha256sum.of(data));
                assertThat(ref.size()).isEqualTo(size);
            }
            batch.flush();
            for (byte[] data : blobs) {
                String sha = Sha256sum.of(data);
                assertThat(Files.readAllBytes(store.file(sha))).as("%d bytes", data.length).isEqualTo(data);
            }
        }
    }

    @Test
    void withoutSyncfsEveryFileIsForcedAndTheResultIsTheSame() throws Exception {
        BlobStore store = new BlobStore(dir);
        Durability.useSyncfs(false);
        try (BlobBatch batch = store.batch()) {
            String sha = batch.put(text("fsync fallback"), null).sha256();
            batch.flush();
            assertThat(Sha256sum.of(store.file(sha))).isEqualTo(sha);
        } finally {
            Durability.useSyncfs(true);
        }
    }

    @Test
    void concurrentWritersOfOneBatchEndWithEveryBlobOnceInPlace() throws Exception {
        BlobStore store = new BlobStore(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (BlobBatch batch = new BlobBatch(store, 50, Long.MAX_VALUE)) {
            List<Future<BlobRef>> refs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int k = i % 200; // every blob written twice, by different threads
                refs.add(pool.submit(() -> batch.put(text("concurrent " + k), null)));
            }
            List<String> shas = new ArrayList<>();
            for (Future<BlobRef> f : refs) {
                shas.add(f.get().sha256());
            }
            batch.flush();
            assertThat(shas.stream().distinct()).hasSize(200).allMatch(store::exists);
            for (int i = 0; i < 200; i++) {
                assertThat(Files.readString(store.file(shas.get(i)))).isEqualTo("concurrent " + i);
            }
            assertThat(Sha256sum.of(store.file(shas.get(7)))).isEqualTo(shas.get(7));
        } finally {
            pool.shutdownNow();
        }
    }
}
