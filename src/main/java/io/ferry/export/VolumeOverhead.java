package io.ferry.export;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;

/**
 * What repeating the manifest in every volume costs. Each volume stays verifiable alone, so each carries the whole
 * manifest and the signed marker; with small volumes and many units that copy can outweigh the content. An export
 * whose volumes would spend more than {@code ferry.export.max-volume-overhead} percent of the media on those copies
 * is refused before anything is written, with the smallest volume size that keeps under the limit.
 */
record VolumeOverhead(long perVolume, int volumes, long estimatedBytes, Long volumeSize) {
    private static final long MIB = 1 << 20;

    static VolumeOverhead of(ExportPlanner.Sizes s, String format, Long volumeSize, int volumes) {
        return new VolumeOverhead(s.perVolumeOverhead(format, volumeSize, volumes), volumes, s.estimatedBytes(format, volumeSize,
                volumes), volumeSize);
    }

    /** Volumes an export of these sizes needs, without walking its blobs (for the check before a task is started). */
    static int roughVolumes(ExportPlanner.Sizes s, String format, long volumeSize) {
        long perVolume = s.perVolumeOverhead(format, volumeSize, 1);
        long room = Math.max(1, volumeSize - perVolume);
        long content = s.estimatedBytes(format, volumeSize, 0);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (content + room - 1) / room));
    }

    /** The share of each volume taken by what every volume repeats, in percent (0 for a single volume). */
    int percent() {
        if (volumes <= 1 || volumeSize == null) {
            return 0;
        }
        return (int) Math.min(100, (perVolume * 100 + volumeSize - 1) / volumeSize);
    }

    /** The smallest volume size (whole MiB) whose repeated part stays within {@code maxPercent}. */
    long minimumVolumeSize(int maxPercent) {
        long bytes = perVolume * 100 / Math.max(1, maxPercent);
        return (bytes + MIB - 1) / MIB * MIB;
    }

    /** Refuses volumes whose repeated part exceeds {@code maxPercent} of the export. */
    void check(int maxPercent) {
        if (percent() > maxPercent) {
            long min = minimumVolumeSize(maxPercent);
            throw new FerryException(ErrorCode.EXPORT_VOLUME_TOO_SMALL, "Volumes of " + mib(volumeSize) + " would each repeat about "
                    + kib(perVolume) + " of manifest and volume metadata, " + percent() + "% of each of the " + volumes + " volumes "
                    + "(the limit is " + maxPercent + "%, setting ferry.export.max-volume-overhead). Choose a volumeSize of at least "
                    + mib(min) + ", e.g. --chunk-size " + (min / MIB) + "MiB.", "volumeSize");
        }
    }

    private static String mib(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    private static String kib(long bytes) {
        return (bytes + 1023) / 1024 + " KiB";
    }
}
