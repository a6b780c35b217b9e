package io.ferry.common.value;

import java.nio.charset.StandardCharsets;

/** A repository's relative path as a relative URL: every segment percent-encoded (UTF-8), only unreserved characters kept. */
public final class UrlPath {
    private UrlPath() {
    }

    public static String encode(String relativePath) {
        StringBuilder b = new StringBuilder(relativePath.length() + 8);
        int start = 0;
        while (true) {
            int slash = relativePath.indexOf('/', start);
            b.append(encodeSegment(slash < 0 ? relativePath.substring(start) : relativePath.substring(start, slash)));
            if (slash < 0) {
                return b.toString();
            }
            b.append('/');
            start = slash + 1;
        }
    }

    public static String encodeSegment(String segment) {
        StringBuilder b = new StringBuilder(segment.length() + 8);
        for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
