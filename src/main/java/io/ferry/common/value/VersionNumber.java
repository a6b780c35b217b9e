package io.ferry.common.value;

import io.ferry.common.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A content view version number {@code major.minor} ({@code 2.0}); {@code 2} means {@code 2.0}. Publishing
 * numbers versions from 1.0, so the major number is 1 or more and the minor 0 or more, each at most 9 digits.
 */
public record VersionNumber(int major, int minor) {
    public static final int MAX = 999_999_999;
    static final String RULE = "A content view version is written major.minor, like 1.0: major 1-" + MAX + ", minor 0-" + MAX + ".";
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?");

    public VersionNumber {
        if (major < 1 || major > MAX || minor < 0 || minor > MAX) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Version", major + "." + minor, "is out of range", RULE,
                    "version");
        }
    }

    /** From numbers read elsewhere (a manifest): refused unless both fit the rule. */
    public static VersionNumber of(long major, long minor, String field) {
        if (major < 1 || major > MAX || minor < 0 || minor > MAX) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Version", major + "." + minor, "is out of range", RULE,
                    field);
        }
        return new VersionNumber((int) major, (int) minor);
    }

    public static VersionNumber parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Version", text, "is not major.minor", RULE, "version");
        }
        return of(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)), "version");
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
