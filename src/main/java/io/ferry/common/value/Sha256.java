package io.ferry.common.value;

import io.ferry.common.ErrorCode;

/** A SHA-256 digest as 64 lower-case hex characters: the identity of a blob, a manifest or a volume. */
public record Sha256(String value) {
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
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) { // [0-9a-f]{64} without a regex: every unit of a manifest is checked with it
            char ch = value.charAt(i);
            if ((ch < '0' || ch > '9') && (ch < 'a' || ch > 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
