package io.ferry.common;

import java.util.Locale;

/** Counts and sizes in messages people read: "1 volume", "3 volumes", "286.1 MiB" (exact bytes stay in the JSON fields). */
public final class Words {
    private Words() {
    }

    /** {@code n} and the noun, in the plural when n is not 1 ("repository" becomes "repositories"). */
    public static String count(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        String plural = noun.endsWith("y") && !noun.endsWith("ey") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + plural;
    }

    /** Bytes in binary units with one decimal, as the CLI's tables show them. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
