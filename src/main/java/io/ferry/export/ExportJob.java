package io.ferry.export;

import java.nio.file.Path;

/** How an export is written, validated: destination label, format, gzip level name, volume size (null: one), target path, hard links. */
public record ExportJob(String destination, String format, String compression, Long volumeSize, Path path, boolean link) {

    /** The gzip level of a compression setting. */
    public int gzipLevel() {
        return switch (compression) {
            case "none" -> 0;
            case "fast" -> 1;
            case "best" -> 9;
            default -> 6;
        };
    }

    public String volumeName(long exportId, int number) {
        return String.format("ferry-export-%d-%03d.%s", exportId, number, format.equals("iso") ? "iso" : "tar.gz");
    }
}
