package io.ferry.contentview;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A content view version number {@code major.minor} ({@code 2.0}); {@code 2} means {@code 2.0}. */
public record VersionNumber(int major, int minor) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?");

    public static VersionNumber parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "A content view version is written major.minor, like 1.0; got '"
                    + text + "'.", "version");
        }
        return new VersionNumber(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
