package io.ferry.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunker on real bytes: chunks tile the blob within the bounds, each named by the SHA-256 of its bytes (checked
 * with sha256sum on slices cut by head/tail); the cut points depend on the content only (any split of the input
 * into writes gives the same chunks); an 8 MiB insertion and scattered overwrites leave nearly every other chunk
 * as it was; bytes without entropy are cut at the maximum.
 */
class ChunkerTest {
    record Cut(long offset, int length, String sha256) {
    }

    static List<Cut> chunks(byte[] data, int... pieces) {
        List<Cut> out = new ArrayList<>();
        Chunker c = new Chunker((o, l, s) -> out.add(new Cut(o, l, HexFormat.of().formatHex(s))));
        int i = 0;
        int p = 0;
        while (i < data.length) {
            int n = Math.min(data.length - i, pieces.length == 0 ? 1 << 20 : pieces[p++ % pieces.length]);
            c.update(data, i, n);
            i += n;
        }
        assertThat(c.finish()).isEqualTo(data.length);
        return out;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void chunksTileTheBlobWithinTheBoundsAndAreNamedByTheirBytes(@TempDir Path dir) throws Exception {
        byte[] data = random(40 << 20, 1);
        List<Cut> cuts = chunks(data);
        long expect = 0;
        for (int i = 0; i < cuts.size(); i++) {
            Cut c = cuts.get(i);
            assertThat(c.offset()).isEqualTo(expect);
            if (i < cuts.size() - 1) {
                assertThat(c.length()).isBetween(Chunker.MIN, Chunker.MAX);
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, (int) c.offset(), c.length());
            assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(c.sha256());
            expect += c.length();
        }
        assertThat(expect).isEqualTo(data.length);
        long average = data.length / cuts.size();
        assertThat(average).as("average chunk").isBetween((long) Chunker.AVG / 2, (long) Chunker.AVG * 2);

        Path file = Files.write(dir.resolve("blob"), data);
        for (Cut c : List.of(cuts.get(0), cuts.get(cuts.size() / 2), cuts.get(cuts.size() - 1))) {
            String sum = Tools.ok(dir, "sh", "-c", "tail -c +" + (c.offset() + 1) + " blob | head -c " + c.length() + " | sha256sum");
            assertThat(sum.substring(0, 64)).isEqualTo(c.sha256());
        }
    }

    @Test
    void cutPointsDependOnTheContentNotOnHowItIsWritten() {
        byte[] data = random(12 << 20, 2);
        List<Cut> whole = chunks(data, data.length);
        assertThat(chunks(data, 1 << 20)).isEqualTo(whole);
        assertThat(chunks(data, 4093, 65_536, 1, 777_777)).isEqualTo(whole);
        assertThat(whole.size()).isGreaterThan(3);
    }

    @Test
    void anInsertionAndScatteredChangesLeaveTheOtherChunksAsTheyWere() {
        byte[] old = random(64 << 20, 3);
        byte[] inserted = random(8 << 20, 4);
        int middle = old.length / 2;
        byte[] changed = new byte[old.length + inserted.length];
        System.arraycopy(old, 0, changed, 0, middle);
        System.arraycopy(inserted, 0, changed, middle, inserted.length);
        System.arraycopy(old, middle, changed, middle + inserted.length, old.length - middle);
        Random r = new Random(5);
        for (int i = 0; i < 20; i++) { // 20 runs of 32 KiB overwritten (1% of the bytes)
            int at = r.nextInt(changed.length - 32_768);
            byte[] run = random(32_768, 100 + i);
            System.arraycopy(run, 0, changed, at, run.length);
        }
        Set<String> before = new HashSet<>();
        chunks(old).forEach(c -> before.add(c.sha256()));
        long newBytes = 0;
        for (Cut c : chunks(changed)) {
            if (!before.contains(c.sha256())) {
                newBytes += c.length();
            }
        }
        // the 8 MiB and the 640 KiB overwritten, plus what the chunks around each change hold besides it: about one
        // chunk per change (21 changes, chunks average ~290 KiB); bounded here by two average chunks per change
        long changedBytes = inserted.length + 20 * 32_768L;
        assertThat(newBytes).as("bytes in chunks the old image lacks").isGreaterThanOrEqualTo(changedBytes)
                .isLessThan(changedBytes + 21L * 2 * Chunker.AVG);
    }

    @Test
    void bytesWithoutEntropyAreCutAtTheMaximum() {
        List<Cut> cuts = chunks(new byte[10 * Chunker.MAX + 5]);
        assertThat(cuts).hasSize(11);
        assertThat(cuts.subList(0, 10)).allMatch(c -> c.length() == Chunker.MAX);
        assertThat(cuts.get(10).length()).isEqualTo(5);
        assertThat(chunks(new byte[0])).isEmpty();
    }
}
