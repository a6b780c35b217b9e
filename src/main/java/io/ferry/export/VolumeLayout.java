package io.ferry.export;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.export.media.IsoImage;
import io.ferry.export.media.TarHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which volume holds each blob, walking blobs in a fixed order and filling volumes one after
 * the other. A blob that fits an empty volume is never split; a bigger one is cut into parts of the
 * largest size a volume holds (and, in ISO images, below 4 GiB), each part its own file with its own
 * SHA-256. Sizes are counted with each format's worst-case overhead (headers, padding, directory
 * records, gzip framing), so a volume never exceeds its size, however well its content compresses.
 */
public final class VolumeLayout {
    /** Room kept in every volume for bundle metadata besides the manifest (volume marker, headers, ISO descriptors). */
    static final long FIXED_RESERVE = 256 * 1024;
    private static final long PART_GRAIN = 64 * 1024;

    private final String format;
    private final long capacity;
    private final long maxPart;
    private int volume = 1;
    private long used;

    /** One piece of a blob in a volume: the whole blob ({@code part == 0}) or one part of it. */
    public record Piece(int part, int volume, long offset, long size) {
    }

    /**
     * @param volumeSize null for a single volume of any size
     * @param manifestReserve bytes to keep free in each volume for the manifest
     */
    public VolumeLayout(String format, Long volumeSize, long manifestReserve) {
        this.format = format;
        if (volumeSize == null) {
            capacity = Long.MAX_VALUE;
            maxPart = format.equals("iso") ? IsoImage.MAX_FILE / PART_GRAIN * PART_GRAIN : Long.MAX_VALUE;
        } else {
            long room = volumeSize - FIXED_RESERVE - manifestReserve;
            if (format.equals("tgz")) {
                room -= room / 8000; // stored-block and sync-flush framing of the gzip stream, always below 0.01%
            }
            long part = (room - entryOverhead()) / PART_GRAIN * PART_GRAIN;
            if (part < PART_GRAIN) {
                throw new FerryException(ErrorCode.EXPORT_VOLUME_TOO_SMALL, "A volume of " + volumeSize + " bytes cannot hold the "
                        + "manifest (about " + manifestReserve + " bytes) plus 64 KiB of content; choose a larger volume size.",
                        "volumeSize");
            }
            capacity = room;
            maxPart = format.equals("iso") ? Math.min(part, IsoImage.MAX_FILE / PART_GRAIN * PART_GRAIN) : part;
        }
    }

    private long entryOverhead() {
        return format.equals("iso") ? IsoImage.SECTOR + 512 : TarHeader.RECORD * 2L;
    }

    /** Bytes a file of this size takes in a volume, overhead included. */
    long cost(long size) {
        return size + entryOverhead();
    }

    /** Where the next blob goes. */
    public List<Piece> place(long size) {
        List<Piece> pieces = new ArrayList<>(1);
        if (size <= maxPart) {
            fit(cost(size));
            pieces.add(new Piece(0, volume, 0, size));
            used += cost(size);
            return pieces;
        }
        int part = 1;
        for (long off = 0; off < size; off += maxPart, part++) {
            long n = Math.min(maxPart, size - off);
            fit(cost(n));
            pieces.add(new Piece(part, volume, off, n));
            used += cost(n);
        }
        return pieces;
    }

    private void fit(long cost) {
        if (used > 0 && used + cost > capacity) {
            volume++;
            used = 0;
        }
    }

    /** How many volumes the blobs placed so far need (at least one: the manifest alone). */
    public int volumes() {
        return volume;
    }

    public long maxPart() {
        return maxPart;
    }

    /** True when every blob goes whole into volume 1 (a single tgz or dir volume: no size, no part limit). */
    public boolean allWholeInOne() {
        return capacity == Long.MAX_VALUE && maxPart == Long.MAX_VALUE;
    }
}
