package io.ferry.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.FerryException;
import io.ferry.export.media.IsoImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VolumeLayoutTest {

    @Test
    void noVolumeIsOverfilledAndPartsCoverEachBlobExactly() {
        for (String format : new String[] {"tgz", "iso"}) {
            long volumeSize = 5L * 1024 * 1024;
            VolumeLayout layout = new VolumeLayout(format, volumeSize, 100_000);
            Map<Integer, Long> used = new HashMap<>();
            Random r = new Random(1);
            for (int i = 0; i < 300; i++) {
                long size = r.nextInt(10) == 0 ? 3_000_000L + r.nextInt(20_000_000) : r.nextInt(400_000);
                List<VolumeLayout.Piece> pieces = layout.place(size);
                long covered = 0;
                for (VolumeLayout.Piece p : pieces) {
                    assertThat(p.offset()).isEqualTo(covered);
                    covered += p.size();
                    used.merge(p.volume(), layout.cost(p.size()), Long::sum);
                }
                assertThat(covered).isEqualTo(size);
                assertThat(pieces.size() == 1).isEqualTo(size <= layout.maxPart());
            }
            long budget = volumeSize - VolumeLayout.FIXED_RESERVE - 100_000;
            used.forEach((v, bytes) -> assertThat(bytes).as(format + " volume " + v).isLessThanOrEqualTo(budget));
            assertThat(layout.volumes()).isEqualTo(used.size());
        }
    }

    @Test
    void isoFilesStayBelowFourGibibytesEvenInOneVolume() {
        VolumeLayout iso = new VolumeLayout("iso", null, 0);
        List<VolumeLayout.Piece> pieces = iso.place(10_000_000_000L);
        assertThat(pieces).hasSize(3).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(IsoImage.MAX_FILE));
        assertThat(new VolumeLayout("tgz", null, 0).place(10_000_000_000L)).hasSize(1);
        assertThat(iso.volumes()).isEqualTo(1);
        // the planner's one-statement path: only a single tgz or dir volume holds every blob whole
        assertThat(new VolumeLayout("tgz", null, 0).allWholeInOne()).isTrue();
        assertThat(new VolumeLayout("dir", null, 0).allWholeInOne()).isTrue();
        assertThat(iso.allWholeInOne()).isFalse();
        assertThat(new VolumeLayout("tgz", 700L << 20, 0).allWholeInOne()).isFalse();
    }

    @Test
    void aVolumeTooSmallForTheManifestIsRefused() {
        assertThatThrownBy(() -> new VolumeLayout("tgz", 2L * 1024 * 1024, 3L * 1024 * 1024))
                .isInstanceOf(FerryException.class).hasMessageContaining("cannot hold the manifest");
    }

    @Test
    void presetsAndUnitsParse() {
        assertThat(VolumeSize.parse("cd")).isEqualTo(700L * 1024 * 1024);
        assertThat(VolumeSize.parse("DVD")).isEqualTo(4_700_000_000L);
        assertThat(VolumeSize.parse("700MiB")).isEqualTo(700L * 1024 * 1024);
        assertThat(VolumeSize.parse("4700MB")).isEqualTo(4_700_000_000L);
        assertThat(VolumeSize.parse(null)).isNull();
        assertThatThrownBy(() -> VolumeSize.parse("1023KiB")).hasMessageContaining("below the minimum");
        assertThatThrownBy(() -> VolumeSize.parse("lots")).hasMessageContaining("preset");
    }
}
