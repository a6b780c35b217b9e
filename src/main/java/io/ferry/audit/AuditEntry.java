package io.ferry.audit;

import java.time.Instant;

/** One record of the audit trail, as hashed and stored. Fields other than id, at, actor, action and result may be null. */
public record AuditEntry(long id, Instant at, String actor, String address, String action, String organization, String target,
                         String result, String detail, String manifestSha256, String previousHash, String hash) {
    static final String GENESIS = "0".repeat(64);
}
