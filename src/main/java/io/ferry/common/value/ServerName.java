package io.ferry.common.value;

import io.ferry.common.ErrorCode;

/** The human name of a Ferry server (setting {@code ferry.server-name}, shown in manifests and messages): one line of 1-255 characters. */
public record ServerName(String value) {
    static final String RULE = "A server name is one line of 1-" + Name.MAX + " characters without control characters "
            + "(setting ferry.server-name).";

    public ServerName {
        String p = Text.lineProblem(value, Name.MAX);
        if (p != null) {
            throw new InvalidValueException(ErrorCode.VALIDATION_FAILED, "Server name", value, p, RULE, "serverName");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
