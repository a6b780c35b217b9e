package io.ferry.serving;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one byte range of a {@code Range: bytes=...} header that Ferry serves (RFC 9110 14.1.2). */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    long length() {
        return last - first + 1;
    }

    /**
     * The range to send for a file of {@code size} bytes, or null to send it whole (no header, several
     * ranges, or a form this server ignores). An unsatisfiable range is FERRY-CONTENT-004 (416).
     */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                throw unsatisfiable(header, size);
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return null;
            }
        }
        if (first >= size) {
            throw unsatisfiable(header, size);
        }
        return new ByteRange(first, last);
    }

    private static FerryException unsatisfiable(String header, long size) {
        return new FerryException(ErrorCode.RANGE_NOT_SATISFIABLE, "The range '" + header + "' lies outside the file's " + size
                + " bytes.", "Range", null, Map.of("Content-Range", "bytes */" + size));
    }
}
