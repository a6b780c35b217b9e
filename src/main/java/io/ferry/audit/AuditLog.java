package io.ferry.audit;

import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Appends records to the audit trail. Appends are serialized by a transaction-scoped advisory lock (taken at the end
 * of the audited transaction, held until it commits), so each record names the hash of the one committed before it.
 */
@ApplicationScoped
public class AuditLog {
    /** The advisory lock key of the chain's head ("ferryaud" as a number). */
    static final long CHAIN_LOCK = 0x6665727279617564L;
    private static final int MAX_TEXT = 2000;

    @Inject
    EntityManager em;

    /** What one record says; who and from where come from the request or the task. */
    public record What(String actor, String address, String action, String organization, String target, String result,
                       String detail, String manifestSha256) {
    }

    /** Appends in the caller's transaction: the record commits or rolls back with the action. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(What w) {
        Sql.work(em, c -> {
            Sql.firstString(c, "select pg_advisory_xact_lock(?)::text", CHAIN_LOCK);
            String previous = Sql.firstString(c, "select hash from audit_record order by id desc limit 1");
            long id = Long.parseLong(Sql.firstString(c, "select nextval('audit_record_id_seq')"));
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String prev = previous == null ? AuditEntry.GENESIS : previous;
            String detail = cut(w.detail());
            String target = cut(w.target());
            String actor = cut(w.actor());
            String organization = cut(w.organization());
            String hash = AuditChain.hash(prev, id, at, actor, w.address(), w.action(), organization, target, w.result(),
                    detail, w.manifestSha256());
            return Sql.update(c, "insert into audit_record (id, at, actor, address, action, organization, target, result, detail, "
                    + "manifest_sha256, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                    at.atOffset(ZoneOffset.UTC), actor, w.address(), w.action(), organization, target, w.result(), detail,
                    w.manifestSha256(), prev, hash);
        });
    }

    /** Appends in a transaction of its own: for refusals and failures, whose action left nothing to commit with. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void appendAlone(What w) {
        append(w);
    }

    /**
     * Text from requests as it is stored: at most {@value #MAX_TEXT} characters, control characters written as
     * {@code \\uXXXX} (PostgreSQL text cannot hold NUL; a record should not carry terminal escapes to its readers).
     */
    static String cut(String s) {
        if (s == null) {
            return null;
        }
        String c = CONTROL.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                String.format("\\u%04x", (int) m.group().charAt(0))));
        return c.length() <= MAX_TEXT ? c : c.substring(0, MAX_TEXT - 1) + "…";
    }

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cntrl}&&[^\\t]]");
}
