package io.ferry.trust;

import io.ferry.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Revocations of certificates this server's CAs issued, and the CRLs made from them. The CRL of the current
 * CA is signed again whenever a revocation is added and at least daily; every bundle signature carries it.
 */
@ApplicationScoped
public class Revocations {
    /** RFC 5280 reason codes used here. */
    public static final int KEY_COMPROMISE = 1;
    public static final int SUPERSEDED = 4;
    public static final int CESSATION_OF_OPERATION = 5;

    @Inject
    EntityManager em;
    @Inject
    ServerCa ca;

    private record Cached(String caFingerprint, long version, Instant signedAt, byte[] der) {
    }

    private volatile Cached cached;

    /** Records {@code cert} (issued by one of this server's CAs) as revoked; revoking it again changes nothing. */
    @Transactional
    public void revoke(X509Certificate cert, String kind, int reason, String by) {
        String issuer = issuerFingerprint(cert);
        Sql.work(em, c -> Sql.update(c, "insert into revoked_certificate (issuer_fingerprint, serial, subject, kind, reason, "
                + "revoked_by) values (?, ?, ?, ?, ?, ?) on conflict do nothing", issuer, cert.getSerialNumber().toString(16),
                Certificates.subject(cert), kind, reason, by));
        cached = null;
    }

    /** The fingerprint of the CA of this server that issued {@code cert} (current or previous), or of the current one. */
    public String issuerFingerprint(X509Certificate cert) {
        for (X509Certificate c : ca.acceptedCas()) {
            if (ServerCa.signedBy(cert, c)) {
                return Certificates.fingerprint(c);
            }
        }
        for (ServerCa.PreviousCa p : ca.previous()) {
            if (ServerCa.signedBy(cert, p.cert())) {
                return Certificates.fingerprint(p.cert());
            }
        }
        return Certificates.fingerprint(ca.ca());
    }

    /** The current CA's CRL (DER). */
    @Transactional
    public byte[] currentCrl() {
        return crl(Certificates.fingerprint(ca.ca()));
    }

    /** The CRL of this server's CA with that fingerprint (DER). */
    @Transactional
    public byte[] crl(String caFingerprint) {
        long[] version = Sql.work(em, c -> Sql.longs(c, "select count(*), coalesce(max(id), 0) from revoked_certificate where "
                + "issuer_fingerprint = ?", caFingerprint));
        Cached k = cached;
        if (k != null && k.caFingerprint().equals(caFingerprint) && k.version() == version[0] * 1_000_000_007L + version[1]
                && k.signedAt().isAfter(Instant.now().minus(Duration.ofDays(1)))) {
            return k.der();
        }
        List<Crls.Entry> entries = Sql.work(em, c -> Sql.rows(c, "select serial, revoked_at, reason from revoked_certificate "
                + "where issuer_fingerprint = ? order by id", rs -> new Crls.Entry(new BigInteger(rs.getString(1), 16),
                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getInt(3)), caFingerprint));
        byte[] der = ca.crl(caFingerprint, entries);
        if (caFingerprint.equals(Certificates.fingerprint(ca.ca()))) {
            cached = new Cached(caFingerprint, version[0] * 1_000_000_007L + version[1], Instant.now(), der);
        }
        return der;
    }
}
