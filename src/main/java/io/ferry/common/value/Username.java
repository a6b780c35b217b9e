package io.ferry.common.value;

import io.ferry.common.ErrorCode;
import java.util.regex.Pattern;

/** A user name: 1-64 of {@code a-z 0-9 . _ -} starting with a letter or digit. */
public record Username(String value) {
    public static final String PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";
    static final String RULE = "A user name is 1-64 of a-z 0-9 . _ - starting with a letter or digit.";
    private static final Pattern NAME = Pattern.compile(PATTERN);

    public Username {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "User name", value, value == null || value.isEmpty()
                    ? "is empty" : "has characters a user name cannot have or is too long", RULE, "username");
        }
    }

    public static Username of(String value, String field) {
        try {
            return new Username(value);
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
