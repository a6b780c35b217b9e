package io.ferry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void noNameThatIsNotADigestReachesAPath() throws Exception {
        BlobStore store = new BlobStore(dir);
        Files.writeString(dir.resolve("secret"), "outside the objects");
        for (String bad : new String[] {"../secret", "../../etc/passwd", "ab/../../secret", "/etc/passwd", "AB".repeat(32), ""}) {
            for (Runnable r : List.<Runnable>of(() -> store.exists(bad), () -> store.open(bad), () -> store.assemblyFile(bad),
                    () -> store.file(bad))) {
                assertThatThrownBy(r::run).as(bad).isInstanceOf(FerryException.class)
                        .extracting(e -> ((FerryException) e).errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            }
        }
        assertThat(store.assemblyFile("ab".repeat(32)).getParent()).isEqualTo(store.tempDir());
    }

    @Test
    void storesUnderItsSha256AsComputedBySha256sum() throws Exception {
        BlobStore store = new BlobStore(dir);
        byte[] data = randomBytes(3_000_000, 1);
        BlobRef ref = store.put(new ByteArrayInputStream(data), null);
        assertThat(ref.size()).isEqualTo(data.length);
        assertThat(ref.sha256()).isEqualTo(Sha256sum.of(store.file(ref.sha256())));
        assertThat(store.exists(ref.sha256())).isTrue();
        assertThat(store.size(ref.sha256())).isEqualTo(data.length);
        try (InputStream in = store.open(ref.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(store.file(ref.sha256()).toString()).endsWith("/sha256/" + ref.sha256().substring(0, 2) + "/" + ref.sha256());
        assertThat(listTemp(store)).isEmpty();
    }

    @Test
    void expectedDigestMismatchKeepsNothing() throws Exception {
        BlobStore store = new BlobStore(dir);
        byte[] data = randomBytes(100_000, 2);
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(data), wrong))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BLOB_DIGEST_MISMATCH));
        assertThat(countFiles(dir.resolve("sha256"))).isZero();
        assertThat(listTemp(store)).isEmpty();
    }

    @Test
    void expectedDigestMatchStores() throws Exception {
        BlobStore store = new BlobStore(dir);
        byte[] data = "hello ferry\n".getBytes();
        Path f = Files.write(dir.resolve("probe.txt"), data);
        String expected = Sha256sum.of(f);
        assertThat(store.put(new ByteArrayInputStream(data), expected).sha256()).isEqualTo(expected);
    }

    @Test
    void concurrentPutsOfTheSameBlobEndWithOneIntactFile() throws Exception {
        BlobStore store = new BlobStore(dir);
        byte[] data = randomBytes(8_000_000, 3);
        int writers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<BlobRef>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return store.put(new ByteArrayInputStream(data), null);
            }));
        }
        go.countDown();
        String sha = null;
        for (Future<BlobRef> f : results) {
            BlobRef r = f.get();
            sha = sha == null ? r.sha256() : sha;
            assertThat(r.sha256()).isEqualTo(sha);
        }
        pool.shutdown();
        assertThat(countFiles(dir.resolve("sha256"))).isEqualTo(1);
        assertThat(Sha256sum.of(store.file(sha))).isEqualTo(sha);
        assertThat(listTemp(store)).isEmpty();
    }

    @Test
    void unknownAndMalformedDigestsAreClearErrors() {
        BlobStore store = new BlobStore(dir);
        assertThatThrownBy(() -> store.open("a".repeat(64)))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BLOB_NOT_FOUND));
        assertThatThrownBy(() -> store.exists("../../etc/passwd"))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1]), "ABC"))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void staleTempFilesAreCleaned() throws Exception {
        BlobStore store = new BlobStore(dir);
        Path stale = Files.createFile(dir.resolve("tmp").resolve("put-crashed.part"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3 * 86_400_000L));
        Path fresh = Files.createFile(dir.resolve("tmp").resolve("put-running.part"));
        assertThat(store.cleanTemp(java.time.Duration.ofHours(24))).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<Path> listTemp(BlobStore store) throws Exception {
        try (var s = Files.list(store.root().resolve("tmp"))) {
            return s.toList();
        }
    }

    private static long countFiles(Path root) throws Exception {
        try (var s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
