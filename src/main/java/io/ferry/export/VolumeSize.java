package io.ferry.export;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Volume sizes: a media preset or a byte count with an optional unit. Presets are a little under the
 * media's real capacity so a volume always fits: cd 700 MiB, dvd 4.7 GB, dvd-dl 8.5 GB, bd 25 GB.
 */
public final class VolumeSize {
    public static final long MIN = 1024 * 1024;
    static final Map<String, Long> PRESETS = Map.of(
            "cd", 700L * 1024 * 1024,
            "dvd", 4_700_000_000L,
            "dvd-dl", 8_500_000_000L,
            "bd", 25_000_000_000L);
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");

    private VolumeSize() {
    }

    /** Bytes, or null when no size was given (one volume of any size). */
    public static Long parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Long preset = PRESETS.get(t);
        if (preset != null) {
            return preset;
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Volume size '" + text + "' is neither a preset (cd, dvd, "
                    + "dvd-dl, bd) nor a size such as 4700000000, 700MiB or 4.7GB written as 4700MB.", "volumeSize");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "k", "kib" -> 1L << 10;
            case "kb" -> 1000L;
            case "m", "mib" -> 1L << 20;
            case "mb" -> 1000_000L;
            case "g", "gib" -> 1L << 30;
            case "gb" -> 1000_000_000L;
            case "t", "tib" -> 1L << 40;
            case "tb" -> 1000_000_000_000L;
            default -> 1L;
        };
        long bytes = Math.multiplyExact(n, factor);
        if (bytes < MIN) {
            throw new FerryException(ErrorCode.EXPORT_VOLUME_TOO_SMALL, "Volume size " + bytes + " bytes is below the minimum of 1 MiB ("
                    + MIN + " bytes).", "volumeSize");
        }
        return bytes;
    }
}
