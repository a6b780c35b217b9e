package io.ferry.audit;

import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Walks the whole chain in id order with a cursor (constant memory): each record must name the hash of the one before
 * it and hash to what it stores. Names the first record that does not.
 */
@ApplicationScoped
public class AuditVerifier {
    @Inject
    EntityManager em;

    @Transactional
    public AuditDtos.VerificationView verify() {
        return Sql.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, at, actor, address, action, organization, target, result, "
                    + "detail, manifest_sha256, previous_hash, hash from audit_record order by id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    String expectedPrevious = AuditEntry.GENESIS;
                    long checked = 0;
                    Long lastId = null;
                    while (rs.next()) {
                        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        AuditEntry e = new AuditEntry(rs.getLong(1), at, rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11), rs.getString(12));
                        if (!expectedPrevious.equals(e.previousHash())) {
                            return invalid(checked, lastId, e.id(), lastId == null ? "the first record does not start the chain "
                                    + "(a record before it was removed?)" : "it does not name the hash of record " + lastId
                                    + " (a record between them was removed, or record " + lastId + " was changed)");
                        }
                        if (!AuditChain.hash(e).equals(e.hash())) {
                            return invalid(checked, lastId, e.id(), "its fields do not match its hash (the record was changed)");
                        }
                        expectedPrevious = e.hash();
                        lastId = e.id();
                        checked++;
                    }
                    return new AuditDtos.VerificationView(true, checked, lastId, checked == 0 ? null : expectedPrevious, null,
                            null);
                }
            }
        });
    }

    private static AuditDtos.VerificationView invalid(long checked, Long lastId, long bad, String why) {
        return new AuditDtos.VerificationView(false, checked, lastId, null, bad, "Record " + bad + ": " + why + ".");
    }
}
