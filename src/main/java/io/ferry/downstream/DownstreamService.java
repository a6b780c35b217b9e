package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.common.value.Description;
import io.ferry.common.value.Label;
import io.ferry.security.CurrentUser;
import io.ferry.trust.Certificates;
import io.ferry.trust.Pem;
import io.ferry.trust.Revocations;
import io.ferry.trust.ServerCa;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Enrollment of downstream servers: approve a request into a scoped client certificate, list, show, revoke. */
@ApplicationScoped
public class DownstreamService {
    static final int DEFAULT_VALIDITY_DAYS = 397;
    static final int MAX_VALIDITY_DAYS = 3650;

    @Inject
    EntityManager em;
    @Inject
    ServerCa ca;
    @Inject
    Revocations revocations;
    @Inject
    CurrentUser currentUser;
    @Inject
    DownstreamScopes scopes;
    @Inject
    DownstreamViews views;

    @Transactional
    public DownstreamDtos.Approved approve(DownstreamDtos.Approve req) {
        if (req == null) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Send the downstream's name, its certificate request and its "
                    + "scope.", "name");
        }
        String name = Label.of(req.name(), "name").value();
        String description = req.description() == null ? null : Description.text(req.description(), "description");
        List<DownstreamScopes.Resolved> scope = scopes.resolve(req.scope());
        boolean external = req.certificate() != null;
        if (external == (req.csr() != null)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give either csr (a request to sign) or certificate with issuerCa "
                    + "(an external CA's certificate to map), not " + (external ? "both" : "neither") + ".", "csr");
        }
        int days = req.validityDays() == null ? DEFAULT_VALIDITY_DAYS : req.validityDays();
        if (days < 1 || days > MAX_VALIDITY_DAYS) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "validityDays must be 1-" + MAX_VALIDITY_DAYS + ".", "validityDays");
        }
        X509Certificate cert;
        String issuerPem = null;
        if (external) {
            X509Certificate issuer = one(req.issuerCa(), "issuerCa");
            cert = ExternalCertificates.check(one(req.certificate(), "certificate"), issuer);
            issuerPem = Pem.of(issuer);
        } else {
            PublicKey key = CsrCheck.check(req.csr());
            cert = ca.issueTlsClient(key, "CN=" + name + ",OU=Ferry downstream,O=Ferry", Duration.ofDays(days));
        }
        long id = upsert(name, description);
        String fp = Certificates.fingerprint(cert);
        long[] known = Sql.work(em, c -> Sql.longs(c, "select count(*) from downstream_certificate where fingerprint = ?", fp));
        if (known[0] > 0) {
            throw new FerryException(ErrorCode.DOWNSTREAM_ENROLLED, "That certificate is already enrolled; list downstream servers "
                    + "with: ferry downstream-server list", "certificate");
        }
        scopes.replace(id, scope);
        String issuerFp = issuerPem == null ? Certificates.fingerprint(ca.ca()) : Certificates.fingerprint(one(issuerPem, "issuerCa"));
        String ip = issuerPem;
        Sql.work(em, c -> Sql.update(c, "insert into downstream_certificate (downstream_id, fingerprint, serial, subject, "
                + "issuer_fingerprint, issuer_pem, pem, not_before, not_after, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, fp,
                cert.getSerialNumber().toString(16), Certificates.subject(cert), issuerFp, ip, Pem.of(cert), at(cert.getNotBefore()),
                at(cert.getNotAfter()), currentUser.username()));
        StringBuilder chain = new StringBuilder();
        ca.acceptedCas().forEach(c -> chain.append(Pem.of(c)));
        return new DownstreamDtos.Approved(views.get(name), Pem.of(cert), chain.toString());
    }

    /** The downstream's row (created, or reused when all its certificates are revoked or expired). */
    private long upsert(String name, String description) {
        long[] active = Sql.work(em, c -> Sql.longs(c, "select count(*) from downstream_certificate c join downstream_server d on "
                + "d.id = c.downstream_id where d.name = ? and c.revoked_at is null and c.not_after > now()", name));
        if (active[0] > 0) {
            throw new FerryException(ErrorCode.DOWNSTREAM_ENROLLED, "Downstream server '" + name + "' is already enrolled with a "
                    + "valid certificate. Revoke it first (ferry downstream-server revoke --name " + name + ") or choose another "
                    + "--name.", "name");
        }
        return Sql.work(em, c -> Sql.longs(c, "insert into downstream_server (name, description, created_by) values (?, ?, ?) on "
                + "conflict (name) do update set description = coalesce(excluded.description, downstream_server.description) "
                + "returning id", name, description, currentUser.username()))[0];
    }

    @Transactional
    public DownstreamDtos.DownstreamView revoke(String name) {
        DownstreamDtos.DownstreamView v = views.get(name);
        List<String> pems = Sql.work(em, c -> Sql.rows(c, "select pem from downstream_certificate where downstream_id = ? and "
                + "revoked_at is null and issuer_pem is null", rs -> rs.getString(1), v.id()));
        Sql.work(em, c -> Sql.update(c, "update downstream_certificate set revoked_at = now(), revoked_by = ? where downstream_id = ? "
                + "and revoked_at is null", currentUser.username(), v.id()));
        for (String pem : pems) {
            revocations.revoke(Pem.certificates(pem, "pem").get(0), "downstream", Revocations.CESSATION_OF_OPERATION,
                    currentUser.username());
        }
        return views.get(name);
    }

    private static X509Certificate one(String pem, String field) {
        List<X509Certificate> certs = Pem.certificates(pem, field);
        if (certs.size() != 1) {
            throw new FerryException(ErrorCode.TRUST_CERTIFICATE_INVALID, field + " must hold one certificate, not " + certs.size()
                    + ".", field);
        }
        return certs.get(0);
    }

    static OffsetDateTime at(java.util.Date d) {
        return d.toInstant().atOffset(ZoneOffset.UTC);
    }
}
