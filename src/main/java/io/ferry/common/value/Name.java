package io.ferry.common.value;

import io.ferry.common.ErrorCode;

/** A human name of an organization, product, repository, content view or environment: one line of 1-255 characters. */
public record Name(String value) {
    public static final int MAX = 255;
    static final String RULE = "A name is one line of 1-" + MAX + " characters without control characters.";

    public Name {
        String p = Text.lineProblem(value, MAX);
        if (p != null) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Name", value, p, RULE, "name");
        }
    }

    public static Name of(String value, String field) {
        try {
            return new Name(value);
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
