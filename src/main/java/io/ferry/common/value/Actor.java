package io.ferry.common.value;

import io.ferry.common.ErrorCode;

/**
 * Who did something (an export's {@code createdBy}, a record's author): a user name, or {@code downstream:<label>}
 * for a downstream server that acted with its client certificate, {@code upstream:<label>} for an upstream that pushed.
 */
public record Actor(String value) {
    public static final String DOWNSTREAM = "downstream:";
    public static final String UPSTREAM = "upstream:";
    static final String RULE = Username.RULE + " A downstream server is downstream:<its label>, an upstream pushing content "
            + "upstream:<its label>.";

    public Actor {
        boolean ok;
        if (value != null && value.startsWith(DOWNSTREAM)) {
            ok = Label.isValid(value.substring(DOWNSTREAM.length()));
        } else if (value != null && value.startsWith(UPSTREAM)) {
            ok = Label.isValid(value.substring(UPSTREAM.length()));
        } else {
            ok = value != null && value.matches(Username.PATTERN);
        }
        if (!ok) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "User name", value, value == null || value.isEmpty()
                    ? "is empty" : "has characters a user name cannot have or is too long", RULE, "createdBy");
        }
    }

    public static Actor of(String value, String field) {
        try {
            return new Actor(value);
        } catch (InvalidValueException e) {
            throw e.withField(field);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
