package io.ferry.common.value;

import io.ferry.common.ErrorCode;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex characters: the identity of a blob, a manifest or a volume. */
public record Sha256(String value) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    static final String RULE = "A SHA-256 is 64 lower-case hex characters.";

    public Sha256 {
        if (!isValid(value)) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "SHA-256", value, "is not one", RULE, "sha256");
        }
    }

    public static Sha256 of(String value, String field) {
        try {
            return new Sha256(value);
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    public static boolean isValid(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
