package io.ferry.common;

import java.util.Map;

/**
 * The one exception type that carries a problem to the client. {@code detail} must tell the user
 * what to do; {@code field} names the offending input when there is one.
 */
public class FerryException extends RuntimeException {
    private final ErrorCode errorCode;
    private final String field;
    private final Map<String, String> headers;

    public FerryException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null, null, Map.of());
    }

    public FerryException(ErrorCode errorCode, String detail, String field) {
        this(errorCode, detail, field, null, Map.of());
    }

    public FerryException(ErrorCode errorCode, String detail, Throwable cause) {
        this(errorCode, detail, null, cause, Map.of());
    }

    public FerryException(ErrorCode errorCode, String detail, String field, Throwable cause, Map<String, String> headers) {
        super(detail, cause);
        this.errorCode = errorCode;
        this.field = field;
        this.headers = headers;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem(String instance) {
        return new Problem("urn:ferry:problem:" + errorCode.code(), errorCode.title(), errorCode.status(),
                getMessage(), instance, errorCode.code(), field, null);
    }
}
