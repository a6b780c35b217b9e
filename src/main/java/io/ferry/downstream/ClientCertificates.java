package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.security.Authenticator;
import io.ferry.security.ClientCertificateAuthenticator;
import io.ferry.common.value.Actor;
import io.ferry.security.PermissionResolver;
import io.ferry.trust.Certificates;
import io.ferry.trust.ServerCa;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Judges a request's client certificate at every request (so a revocation is effective at the next one): it
 * must be a certificate enrolled here (by its SHA-256 fingerprint), still issued by a CA this server accepts
 * (or the external CA it was mapped with), within its validity, and not revoked. The TLS handshake already
 * proved the client holds its key. The principal holds what its role assignments (made by its approval) grant.
 */
@ApplicationScoped
public class ClientCertificates implements ClientCertificateAuthenticator {
    @Inject
    EntityManager em;
    @Inject
    ServerCa ca;
    @Inject
    PermissionResolver resolver;

    private record Enrolled(long downstreamId, String name, String issuerPem, OffsetDateTime revokedAt, String revokedBy) {
    }

    @Override
    @Transactional
    public Authenticator.Principal authenticate(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        String subject = Certificates.subject(leaf);
        List<Enrolled> found = Sql.work(em, c -> Sql.rows(c, "select c.downstream_id, d.name, c.issuer_pem, c.revoked_at, "
                + "c.revoked_by from downstream_certificate c join downstream_server d on d.id = c.downstream_id where "
                + "c.fingerprint = ?", rs -> new Enrolled(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), rs.getString(5)), Certificates.fingerprint(leaf)));
        if (found.isEmpty()) {
            throw new FerryException(ErrorCode.CLIENT_CERTIFICATE_UNKNOWN, "The client certificate " + subject + " (issued by "
                    + leaf.getIssuerX500Principal().getName() + ") is not enrolled on this server. Its operator approves a "
                    + "downstream server's request with: ferry downstream-server approve --name NAME --csr NAME.csr "
                    + "--organization ORG.", "certificate");
        }
        Enrolled e = found.get(0);
        if (!issuedByAccepted(leaf, e.issuerPem())) {
            throw new FerryException(ErrorCode.CLIENT_CERTIFICATE_UNKNOWN, "The client certificate of downstream server '" + e.name()
                    + "' was issued by a CA this server no longer accepts (the overlap after a CA rotation ended). Approve a new "
                    + "request: ferry downstream-server approve --name " + e.name() + " --csr " + e.name() + ".csr ...",
                    "certificate");
        }
        if (e.revokedAt() != null) {
            throw new FerryException(ErrorCode.CLIENT_CERTIFICATE_REVOKED, "The client certificate of downstream server '" + e.name()
                    + "' (serial " + leaf.getSerialNumber().toString(16) + ") was revoked at " + e.revokedAt() + " by "
                    + e.revokedBy() + ". The downstream needs a new one: ferry upstream request-certificate there, then ferry "
                    + "downstream-server approve here.", "certificate");
        }
        java.util.Date now = new java.util.Date();
        if (leaf.getNotAfter().before(now) || leaf.getNotBefore().after(now)) {
            throw new FerryException(ErrorCode.CLIENT_CERTIFICATE_EXPIRED, "The client certificate of downstream server '" + e.name()
                    + "' is valid from " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant()
                    + ", not now. The downstream needs a new one: ferry upstream request-certificate there, then ferry "
                    + "downstream-server revoke and approve here.", "certificate");
        }
        PermissionResolver.Resolved held = resolver.resolveDownstream(e.downstreamId(), e.name());
        return new Authenticator.Principal(-1, Actor.DOWNSTREAM + e.name(), held.permissions(), null, held.scope());
    }

    private boolean issuedByAccepted(X509Certificate leaf, String issuerPem) {
        List<X509Certificate> issuers = issuerPem == null ? ca.acceptedCas() : io.ferry.trust.Pem.certificates(issuerPem, "issuer");
        for (X509Certificate i : issuers) {
            try {
                leaf.verify(i.getPublicKey());
                return true;
            } catch (java.security.GeneralSecurityException ex) {
                // another CA
            }
        }
        return false;
    }
}
