package io.ferry.common;

/**
 * The one table of stable error codes and the HTTP status each maps to. Codes never change meaning
 * once released; clients and the CLI match on them. Documented in docs/errors.md.
 */
public enum ErrorCode {
    VALIDATION_FAILED("FERRY-COMMON-001", 422, "Invalid input"),
    MALFORMED_REQUEST("FERRY-COMMON-002", 400, "Malformed request"),
    NOT_FOUND("FERRY-COMMON-003", 404, "Not found"),
    METHOD_NOT_ALLOWED("FERRY-COMMON-004", 405, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("FERRY-COMMON-005", 415, "Unsupported media type"),
    NOT_ACCEPTABLE("FERRY-COMMON-006", 406, "Not acceptable"),
    CONFLICT("FERRY-COMMON-007", 409, "Conflict"),
    INTERNAL("FERRY-COMMON-500", 500, "Internal server error"),
    UNAVAILABLE("FERRY-COMMON-503", 503, "Service unavailable"),

    UNAUTHENTICATED("FERRY-AUTH-001", 401, "Authentication required"),
    BAD_CREDENTIALS("FERRY-AUTH-002", 401, "Bad credentials"),
    TOKEN_EXPIRED("FERRY-AUTH-003", 401, "Token expired"),
    TOKEN_REVOKED("FERRY-AUTH-004", 401, "Token revoked"),
    FORBIDDEN("FERRY-AUTH-005", 403, "Permission denied"),

    TASK_NOT_FOUND("FERRY-TASK-001", 404, "Task not found"),
    TASK_NOT_CANCELABLE("FERRY-TASK-002", 409, "Task cannot be canceled"),
    TASK_TYPE_UNKNOWN("FERRY-TASK-003", 422, "Unknown task type"),
    TASK_INTERRUPTED("FERRY-TASK-004", 500, "Task interrupted"),
    TASK_CANCELED("FERRY-TASK-005", 409, "Task canceled"),

    BLOB_DIGEST_MISMATCH("FERRY-STORAGE-001", 422, "Checksum mismatch"),
    BLOB_NOT_FOUND("FERRY-STORAGE-002", 404, "Blob not found"),
    STORAGE_FULL("FERRY-STORAGE-003", 507, "Insufficient storage"),
    STORAGE_IO("FERRY-STORAGE-004", 500, "Storage error");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
