package io.ferry.content.type;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.nio.charset.StandardCharsets;

/**
 * The one rule for relative paths of content, used on upload, sync, serving, export and import: a
 * path is 1-1024 bytes of UTF-8 in '/'-separated segments; no segment is empty, '.' or '..' or longer
 * than 255 bytes; no leading '/', no backslash, no control characters (NUL included).
 */
public final class RelativePaths {
    public static final int MAX_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;

    private RelativePaths() {
    }

    /** The path if valid, else FERRY-CONTENT-001 naming the problem. */
    public static String require(String path, String field) {
        String problem = problem(path);
        if (problem != null) {
            throw new FerryException(ErrorCode.INVALID_RELATIVE_PATH, "Relative path '" + printable(path) + "' " + problem
                    + ". Use a path like 'isos/alma-9.4.iso'.", field);
        }
        return path;
    }

    /** Why the path is not acceptable, or null. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "is longer than " + MAX_BYTES + " bytes";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character (code " + (int) c + ")";
            }
            if (c == '\\') {
                return "contains a backslash; separate directories with '/'";
            }
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(path)) {
            return "is not valid Unicode";
        }
        if (path.startsWith("/")) {
            return "is absolute; it must not start with '/'";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment (a trailing '/' or '//')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes";
            }
        }
        return null;
    }

    static String printable(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.length() && b.length() < 200; i++) {
            char c = path.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
