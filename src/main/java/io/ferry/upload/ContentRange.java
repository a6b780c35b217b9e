package io.ferry.upload;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chunk's {@code Content-Range: bytes first-last/total} header ({@code total} may be '*'). */
record ContentRange(long first, long last, Long total) {
    private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    long length() {
        return last - first + 1;
    }

    static ContentRange parse(String header) {
        Matcher m = header == null ? null : RANGE.matcher(header.trim());
        if (m == null || !m.matches()) {
            throw new FerryException(ErrorCode.MALFORMED_REQUEST, "Send each chunk with 'Content-Range: bytes <first>-<last>/<total>' "
                    + "(e.g. 'bytes 0-1048575/5000000'); got '" + header + "'.", "Content-Range");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (last < first) {
            throw new FerryException(ErrorCode.MALFORMED_REQUEST, "Content-Range '" + header + "' ends before it starts.",
                    "Content-Range");
        }
        return new ContentRange(first, last, "*".equals(m.group(3)) ? null : Long.parseLong(m.group(3)));
    }
}
