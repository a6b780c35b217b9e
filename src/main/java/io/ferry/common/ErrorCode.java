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
    LABEL_TAKEN("FERRY-COMMON-008", 409, "Label already in use"),
    PAYLOAD_TOO_LARGE("FERRY-COMMON-009", 413, "Request body too large"),
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
    STORAGE_IO("FERRY-STORAGE-004", 500, "Storage error"),

    ORGANIZATION_NOT_FOUND("FERRY-ORG-001", 404, "Organization not found"),
    PRODUCT_NOT_FOUND("FERRY-PRODUCT-001", 404, "Product not found"),
    REPOSITORY_NOT_FOUND("FERRY-REPO-001", 404, "Repository not found"),
    REPOSITORY_VERSION_NOT_FOUND("FERRY-REPO-002", 404, "Repository version not found"),
    REPOSITORY_IN_USE("FERRY-REPO-003", 409, "Repository in use"),
    CONTENT_TYPE_UNKNOWN("FERRY-REPO-004", 422, "Unknown content type"),
    INVALID_RELATIVE_PATH("FERRY-CONTENT-001", 422, "Invalid relative path"),
    INVALID_METADATA("FERRY-CONTENT-002", 422, "Invalid metadata"),
    CONTENT_NOT_FOUND("FERRY-CONTENT-003", 404, "Content not found"),
    RANGE_NOT_SATISFIABLE("FERRY-CONTENT-004", 416, "Range not satisfiable"),
    UPLOAD_NOT_FOUND("FERRY-UPLOAD-001", 404, "Upload not found"),
    UPLOAD_OFFSET_MISMATCH("FERRY-UPLOAD-002", 409, "Upload offset mismatch"),
    UPLOAD_INCOMPLETE("FERRY-UPLOAD-003", 409, "Upload incomplete"),
    UPLOAD_TOO_LARGE("FERRY-UPLOAD-004", 413, "Upload larger than declared"),
    UPLOAD_ARCHIVE_INVALID("FERRY-UPLOAD-005", 422, "Archive not accepted"),
    REMOTE_MISSING("FERRY-SYNC-001", 422, "Repository has no remote"),
    REMOTE_UNREACHABLE("FERRY-SYNC-002", 502, "Remote unreachable"),
    REMOTE_MANIFEST_INVALID("FERRY-SYNC-003", 422, "Remote manifest invalid"),
    REMOTE_CHECKSUM_MISMATCH("FERRY-SYNC-004", 422, "Remote content checksum mismatch"),
    REMOTE_TLS_INVALID("FERRY-SYNC-005", 422, "Remote TLS settings invalid"),
    CONTENT_VIEW_NOT_FOUND("FERRY-CV-001", 404, "Content view not found"),
    CONTENT_VIEW_VERSION_NOT_FOUND("FERRY-CV-002", 404, "Content view version not found"),
    CONTENT_VIEW_IMPORT_ONLY("FERRY-CV-003", 409, "Content view is import-only"),
    CONTENT_VIEW_VERSION_IN_USE("FERRY-CV-004", 409, "Content view version in use"),
    CONTENT_VIEW_REPOSITORY_CONFLICT("FERRY-CV-005", 409, "Repository label clash in content view"),
    ENVIRONMENT_NOT_FOUND("FERRY-ENV-001", 404, "Lifecycle environment not found"),
    PROMOTION_OUT_OF_ORDER("FERRY-ENV-002", 409, "Promotion out of order"),
    ENVIRONMENT_PATH_CONFLICT("FERRY-ENV-003", 409, "Lifecycle path conflict"),
    EXPORT_NOT_FOUND("FERRY-EXPORT-001", 404, "Export not found"),
    EXPORT_BASE_MISSING("FERRY-EXPORT-002", 409, "No base for an incremental export"),
    EXPORT_PATH_NOT_ALLOWED("FERRY-EXPORT-003", 422, "Export path not allowed"),
    EXPORT_VOLUME_TOO_SMALL("FERRY-EXPORT-004", 422, "Volume size too small"),
    EXPORT_SINCE_INVALID("FERRY-EXPORT-005", 422, "Invalid since date"),
    EXPORT_SCOPE_INVALID("FERRY-EXPORT-006", 422, "Invalid export scope"),
    EXPORT_FILES_GONE("FERRY-EXPORT-007", 410, "Export files not on this server"),
    EXPORT_NOT_STREAMABLE("FERRY-EXPORT-008", 422, "Export cannot be streamed"),

    IMPORT_NOT_FOUND("FERRY-IMPORT-001", 404, "Import not found"),
    IMPORT_PATH_NOT_ALLOWED("FERRY-IMPORT-002", 422, "Import path not usable"),
    IMPORT_MANIFEST_INVALID("FERRY-IMPORT-003", 422, "Invalid manifest"),
    IMPORT_FORMAT_UNSUPPORTED("FERRY-IMPORT-004", 422, "Unsupported bundle format version"),
    IMPORT_VOLUME_MISSING("FERRY-IMPORT-005", 422, "Volume missing"),
    IMPORT_VOLUME_FOREIGN("FERRY-IMPORT-006", 422, "Volume does not belong to this export"),
    IMPORT_CHECKSUM_MISMATCH("FERRY-IMPORT-007", 422, "Checksum mismatch in bundle"),
    IMPORT_UNSAFE_ENTRY("FERRY-IMPORT-008", 422, "Unsafe or unexpected bundle entry"),
    IMPORT_CORRUPT("FERRY-IMPORT-009", 422, "Corrupt or truncated volume"),
    IMPORT_LIMIT_EXCEEDED("FERRY-IMPORT-010", 422, "Bundle exceeds a limit"),
    IMPORT_BASE_MISSING("FERRY-IMPORT-011", 409, "Base export not imported"),
    IMPORT_CONFLICT("FERRY-IMPORT-012", 409, "Bundle conflicts with existing content"),
    IMPORT_SCOPE_MISMATCH("FERRY-IMPORT-013", 422, "Bundle scope differs from the requested import"),
    IMPORT_VALUE_INVALID("FERRY-IMPORT-014", 422, "Bundle value breaks a rule"),
    IMPORT_UNSIGNED("FERRY-IMPORT-015", 422, "Bundle not signed"),
    IMPORT_SIGNATURE_INVALID("FERRY-IMPORT-016", 422, "Bundle signature invalid"),
    IMPORT_SIGNER_UNTRUSTED("FERRY-IMPORT-017", 422, "Bundle signer not trusted"),
    IMPORT_SIGNER_REVOKED("FERRY-IMPORT-018", 422, "Bundle signer revoked"),

    TRUST_CERTIFICATE_INVALID("FERRY-TRUST-001", 422, "Certificate unusable"),
    TRUSTED_CERTIFICATE_NOT_FOUND("FERRY-TRUST-002", 404, "Trusted certificate not found"),
    TRUST_CA_CONFIGURED("FERRY-TRUST-003", 409, "CA managed outside Ferry"),
    TRUST_CRL_INVALID("FERRY-TRUST-004", 422, "CRL unusable"),

    CSR_INVALID("FERRY-DOWNSTREAM-001", 422, "Certificate request unusable"),
    CSR_SIGNATURE_INVALID("FERRY-DOWNSTREAM-002", 422, "Certificate request signature invalid"),
    CSR_WEAK_KEY("FERRY-DOWNSTREAM-003", 422, "Certificate request key too weak"),
    DOWNSTREAM_ENROLLED("FERRY-DOWNSTREAM-004", 409, "Downstream server already enrolled"),
    DOWNSTREAM_NOT_FOUND("FERRY-DOWNSTREAM-005", 404, "Downstream server not found"),
    CLIENT_CERTIFICATE_UNKNOWN("FERRY-DOWNSTREAM-006", 401, "Client certificate not enrolled"),
    CLIENT_CERTIFICATE_EXPIRED("FERRY-DOWNSTREAM-007", 401, "Client certificate expired"),
    CLIENT_CERTIFICATE_REVOKED("FERRY-DOWNSTREAM-008", 401, "Client certificate revoked"),
    DOWNSTREAM_OUT_OF_SCOPE("FERRY-DOWNSTREAM-009", 403, "Outside the downstream server's scope"),
    UPSTREAM_KEY_MISSING("FERRY-DOWNSTREAM-010", 409, "No certificate request made"),

    SYNC_NOT_ENROLLED("FERRY-UPSTREAM-001", 409, "Not enrolled with an upstream"),
    SYNC_UPSTREAM_REFUSED("FERRY-UPSTREAM-002", 502, "Upstream refused"),
    SYNC_UPSTREAM_UNREACHABLE("FERRY-UPSTREAM-003", 502, "Upstream unreachable"),
    SYNC_NOT_CONFIGURED("FERRY-UPSTREAM-004", 404, "No upstream configured"),
    SYNC_PLAN_NOT_FOUND("FERRY-UPSTREAM-005", 404, "Sync plan not found"),
    SYNC_UNEXPECTED_BUNDLE("FERRY-UPSTREAM-006", 502, "Upstream sent other content"),
    PUSH_REFUSED("FERRY-PUSH-001", 502, "Downstream refused the push"),
    PUSH_UNREACHABLE("FERRY-PUSH-002", 502, "Downstream unreachable"),
    RECEIPT_INVALID("FERRY-RECEIPT-001", 422, "Receipt invalid"),
    RECEIPT_SIGNER_REFUSED("FERRY-RECEIPT-002", 403, "Receipt signer not accepted"),
    RECEIPT_STALE("FERRY-RECEIPT-003", 422, "Receipt too old"),
    RECEIPT_TOO_LARGE("FERRY-RECEIPT-004", 413, "Receipt too large"),
    RECEIPT_NOT_FOUND("FERRY-RECEIPT-005", 404, "Receipt not found"),
    RECEIPT_NO_IDENTITY("FERRY-RECEIPT-006", 409, "No enrolled identity to sign with"),

    PUBLICATION_TARGET_NOT_FOUND("FERRY-PUBLICATION-001", 404, "Publication target not found"),
    PUBLICATION_TARGET_EXISTS("FERRY-PUBLICATION-002", 409, "Publication target exists"),
    PUBLICATION_TLS_REQUIRED("FERRY-PUBLICATION-003", 422, "Publication target endpoint not https"),
    PUBLICATION_CREDENTIALS_REFUSED("FERRY-PUBLICATION-004", 422, "Bucket refused the credentials"),
    PUBLICATION_BUCKET_MISSING("FERRY-PUBLICATION-005", 422, "Bucket not found"),
    PUBLICATION_TARGET_UNREACHABLE("FERRY-PUBLICATION-006", 502, "Publication target unreachable"),
    PUBLICATION_BUCKET_FAILED("FERRY-PUBLICATION-007", 502, "Bucket request failed"),

    ORGANIZATION_NOT_EMPTY("FERRY-ORG-002", 409, "Organization not empty"),

    USER_NOT_FOUND("FERRY-USER-001", 404, "User not found"),
    LAST_ADMINISTRATOR("FERRY-USER-002", 409, "Last administrator"),
    WRONG_CURRENT_PASSWORD("FERRY-USER-003", 422, "Current password wrong"),
    ROLE_NOT_FOUND("FERRY-ROLE-001", 404, "Role not found"),
    ROLE_BUILT_IN("FERRY-ROLE-002", 409, "Built-in role is read-only"),
    ROLE_IN_USE("FERRY-ROLE-003", 409, "Role is assigned"),
    ROLE_EXISTS("FERRY-ROLE-004", 409, "Role exists"),
    ASSIGNMENT_NOT_FOUND("FERRY-ROLE-005", 404, "Role assignment not found");

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
