package io.ferry.common.value;

import io.ferry.common.ErrorCode;

/** A free-text description: at most 4096 characters, line breaks and tabs allowed, no other control characters. */
public record Description(String value) {
    public static final int MAX = 4096;
    static final String RULE = "A description is at most " + MAX + " characters; line breaks and tabs are allowed, other "
            + "control characters are not.";

    public Description {
        String p = value == null ? "is missing" : value.length() > MAX ? "is " + value.length() + " characters long; at most "
                + MAX + " are allowed" : Text.characterProblem(value, true);
        if (p != null) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Description", value, p, RULE, "description");
        }
    }

    /** The text of a valid description; null or empty (no description) gives null. */
    public static String text(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new Description(value).value();
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
