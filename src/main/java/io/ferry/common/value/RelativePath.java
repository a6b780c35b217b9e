package io.ferry.common.value;

import io.ferry.common.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * The relative path of a unit in its repository, used on upload, sync, serving, export and import:
 * 1-1024 bytes of UTF-8 in '/'-separated segments; no segment is empty, '.' or '..' or longer than 255
 * bytes; no leading '/', no backslash; the character rules of {@link Text} (no control characters).
 */
public record RelativePath(String value) {
    public static final int MAX_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;
    static final String RULE = "Use a relative path like 'isos/alma-9.4.iso'.";

    public RelativePath {
        String p = problem(value);
        if (p != null) {
            throw new InvalidValueException(ErrorCode.INVALID_RELATIVE_PATH, "Relative path", value, p, RULE, "relativePath");
        }
    }

    public static RelativePath of(String value, String field) {
        try {
            return new RelativePath(value);
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    /** Why {@code path} is not a relative path, or null. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.length() > MAX_BYTES || path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "is longer than " + MAX_BYTES + " bytes";
        }
        String chars = Text.characterProblem(path, false);
        if (chars != null) {
            return chars;
        }
        if (path.indexOf('\\') >= 0) {
            return "contains a backslash; separate directories with '/'";
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

    @Override
    public String toString() {
        return value;
    }
}
