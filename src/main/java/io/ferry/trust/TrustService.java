package io.ferry.trust;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** This server's CA as others see it, and each organization's list of certificates it trusts to sign bundles. */
@ApplicationScoped
public class TrustService {
    @Inject
    ServerCa ca;
    @Inject
    OrganizationRepository organizations;
    @Inject
    EntityManager em;
    @Inject
    CurrentUser currentUser;
    @Inject
    Revocations revocations;

    public TrustDtos.CertificateView ca() {
        return view(ca.ca());
    }

    public String caPem() {
        return Pem.of(ca.ca());
    }

    public TrustDtos.CertificateView signer() {
        return view(ca.signer());
    }

    /** A new signing certificate; with {@code revokePrevious} the old one goes on the CRL (reason key compromise). */
    public TrustDtos.CertificateView renewSigner(boolean revokePrevious) {
        X509Certificate old = ca.signer();
        X509Certificate fresh = ca.renewSigner();
        if (revokePrevious) {
            revocations.revoke(old, "signer", Revocations.KEY_COMPROMISE, currentUser.username());
        }
        return view(fresh);
    }

    static TrustDtos.CertificateView view(X509Certificate c) {
        return new TrustDtos.CertificateView(Certificates.subject(c), Certificates.fingerprint(c), at(c.getNotBefore()),
                at(c.getNotAfter()), Certificates.isCa(c), Pem.of(c));
    }

    private static OffsetDateTime at(java.util.Date d) {
        return d.toInstant().atOffset(ZoneOffset.UTC);
    }

    @Transactional
    public TrustDtos.TrustedView add(String orgRef, TrustDtos.AddTrusted req) {
        OrganizationEntity org = organizations.require(orgRef);
        List<X509Certificate> certs = Pem.certificates(req == null ? null : req.pem(), "pem");
        if (certs.size() != 1) {
            throw new FerryException(ErrorCode.TRUST_CERTIFICATE_INVALID, "Give one certificate per call (the text holds "
                    + certs.size() + "); add each CA of a chain on its own.", "pem");
        }
        X509Certificate c = certs.get(0);
        String fp = Certificates.fingerprint(c);
        long[] existing = Sql.work(em, conn -> Sql.longs(conn, "select count(*) from trusted_certificate where organization_id = ? "
                + "and fingerprint = ?", org.id, fp));
        if (existing[0] > 0) {
            throw new FerryException(ErrorCode.CONFLICT, "Organization '" + org.label + "' already trusts " + Certificates.subject(c)
                    + " (fingerprint " + fp + ").", "pem");
        }
        long id = Sql.work(em, conn -> Sql.longs(conn, "insert into trusted_certificate (organization_id, fingerprint, subject, "
                + "is_ca, not_after, pem, added_by) values (?, ?, ?, ?, ?, ?, ?) returning id", org.id, fp, Certificates.subject(c),
                Certificates.isCa(c), at(c.getNotAfter()), Pem.of(c), currentUser.username())[0]);
        return list(org.id).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    @Transactional
    public List<TrustDtos.TrustedView> list(String orgRef) {
        return list(organizations.require(orgRef).id);
    }

    List<TrustDtos.TrustedView> list(long orgId) {
        return Sql.work(em, c -> Sql.rows(c, "select id, subject, fingerprint, is_ca, not_after, added_by, added_at, pem from "
                + "trusted_certificate where organization_id = ? order by id", rs -> new TrustDtos.TrustedView(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class), rs.getString(8)), orgId));
    }

    @Transactional
    public void remove(String orgRef, long id) {
        OrganizationEntity org = organizations.require(orgRef);
        int n = Sql.work(em, c -> Sql.update(c, "delete from trusted_certificate where organization_id = ? and id = ?", org.id, id));
        if (n == 0) {
            throw new FerryException(ErrorCode.TRUSTED_CERTIFICATE_NOT_FOUND, "Organization '" + org.label + "' has no trusted "
                    + "certificate " + id + "; list them with ferry trust list --organization " + org.label + ".", "id");
        }
    }

    /** The certificates an organization trusts, for verification. */
    @Transactional
    public List<X509Certificate> anchors(long orgId) {
        List<X509Certificate> out = new ArrayList<>();
        for (TrustDtos.TrustedView t : list(orgId)) {
            out.addAll(Pem.certificates(t.pem(), "pem"));
        }
        return out;
    }
}
