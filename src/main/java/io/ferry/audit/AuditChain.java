package io.ferry.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a record: SHA-256 over the previous record's hash and each field, length-prefixed (so no field can
 * borrow characters from its neighbour) with null distinct from empty. Documented in docs/permissions.md.
 */
final class AuditChain {
    private AuditChain() {
    }

    static String hash(String previousHash, long id, java.time.Instant at, String actor, String address, String action,
                       String organization, String target, String result, String detail, String manifestSha256) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String f : new String[] {"ferry-audit-v1", previousHash, Long.toString(id), at.toString(), actor, address, action,
                organization, target, result, detail, manifestSha256}) {
            if (f == null) {
                md.update((byte) '-');
            } else {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(b);
            }
            md.update((byte) ';');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String hash(AuditEntry e) {
        return hash(e.previousHash(), e.id(), e.at(), e.actor(), e.address(), e.action(), e.organization(), e.target(),
                e.result(), e.detail(), e.manifestSha256());
    }
}
