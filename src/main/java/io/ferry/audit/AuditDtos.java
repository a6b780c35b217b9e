package io.ferry.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/** Bodies of the audit API. */
public final class AuditDtos {
    private AuditDtos() {
    }

    /** One record as the API shows it (with its hashes, so a reader can check the chain independently). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditRecordView(long id, OffsetDateTime at, String actor, String address, String action, String organization,
                                  String target, String result, String detail, String manifestSha256, String previousHash,
                                  String hash) {
    }

    /**
     * The outcome of walking the chain: {@code valid}, how many records were checked, the head's hash (keep it: a
     * later walk that does not reach it means records were removed from the end), and the first record that does not
     * match with why.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerificationView(boolean valid, long checked, Long lastId, String headHash, Long firstInvalidId,
                                   String reason) {
    }
}
