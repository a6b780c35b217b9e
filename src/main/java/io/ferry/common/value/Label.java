package io.ferry.common.value;

import io.ferry.common.ErrorCode;
import java.util.regex.Pattern;

/**
 * A label: the stable, URL- and path-safe name an entity is matched by (in URLs, on import, in the CLI,
 * as a directory name of an export). 1-128 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit,
 * not only digits (a reference that is all digits is an id).
 */
public record Label(String value) {
    public static final int MAX = 128;
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX - 1) + "}";
    static final String RULE = "A label is 1-" + MAX + " characters of A-Z a-z 0-9 . _ - starting with a letter or digit, "
            + "and not only digits.";
    private static final Pattern LABEL = Pattern.compile(PATTERN);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public Label {
        String p = problem(value);
        if (p != null) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Label", value, p, RULE, "label");
        }
    }

    public static Label of(String value, String field) {
        try {
            return new Label(value);
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    /** Whether {@code value} is a valid label. */
    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /** Why {@code value} is not a label, or null. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "is empty";
        }
        if (!LABEL.matcher(value).matches()) {
            return value.length() > MAX ? "is longer than " + MAX + " characters" : "has characters a label cannot have";
        }
        if (DIGITS.matcher(value).matches()) {
            return "is only digits (it would read as an id); add a letter";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
