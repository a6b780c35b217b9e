package io.ferry.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.storage.BlobStore;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Through the running server (test threshold 8 MiB, {@code %test.ferry.delta.min-blob-size}): a 12 MiB upload
 * leaves a chunk index beside its blob that verifies and tiles the blob; a 1 MiB upload leaves none.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ChunkIndexingApiTest {
    @Inject
    BlobStore store;

    @Test
    void anUploadedLargeFileGetsItsChunkIndexAndASmallOneDoesNot() throws Exception {
        ContentFixtures.Repo repo = ContentFixtures.repo();
        byte[] large = ContentFixtures.bytes(12 << 20, 91);
        byte[] small = ContentFixtures.bytes(1 << 20, 92);
        ContentFixtures.uploadOk(repo, "disk.raw", large);
        ContentFixtures.uploadOk(repo, "small.bin", small);

        ChunkIndex index = ChunkIndex.open(store.chunkIndexes().file(ContentFixtures.sha256(large)));
        assertThat(index.blobSize()).isEqualTo(large.length);
        assertThat(index.blobSha256()).isEqualTo(ContentFixtures.sha256(large));
        long[] sum = new long[1];
        index.forEach(e -> {
            assertThat(e.offset()).isEqualTo(sum[0]);
            sum[0] += e.length();
        });
        assertThat(sum[0]).isEqualTo(large.length);
        assertThat(index.chunks()).isGreaterThan(12);
        assertThat(store.chunkIndexes().file(ContentFixtures.sha256(small))).doesNotExist();
    }
}
