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
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * CRLs an organization holds for the CAs it trusts, imported separately from bundles (bundles carry their
 * signer's CRL too). A CRL is accepted only when a trusted CA signed it; a newer one replaces the older.
 */
@ApplicationScoped
public class TrustedCrls {
    @Inject
    OrganizationRepository organizations;
    @Inject
    TrustService trust;
    @Inject
    EntityManager em;
    @Inject
    CurrentUser currentUser;
    @Inject
    ServerCa ca;

    @Transactional
    public TrustDtos.CrlView add(String orgRef, TrustDtos.AddCrl req) {
        OrganizationEntity org = organizations.require(orgRef);
        String text = req == null ? null : req.pem();
        X509CRL crl = text == null || text.length() > Pem.MAX_TEXT ? null : Crls.parse(text.strip().getBytes(StandardCharsets.US_ASCII));
        if (crl == null) {
            throw invalid("is not a PEM CRL (-----BEGIN X509 CRL-----) of at most " + Pem.MAX_TEXT + " characters");
        }
        List<X509Certificate> cas = new ArrayList<>(trust.anchors(org.id));
        cas.addAll(ca.acceptedCas());
        X509Certificate issuer = cas.stream().filter(c -> Certificates.isCa(c)
                && c.getSubjectX500Principal().equals(crl.getIssuerX500Principal()) && verifies(crl, c)).findFirst().orElse(null);
        if (issuer == null) {
            throw invalid("is signed by " + crl.getIssuerX500Principal().getName() + ", which is not a CA organization '" + org.label
                    + "' trusts (ferry trust list --organization " + org.label + ")");
        }
        String fp = Certificates.fingerprint(issuer);
        OffsetDateTime thisUpdate = crl.getThisUpdate().toInstant().atOffset(ZoneOffset.UTC);
        OffsetDateTime nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant().atOffset(ZoneOffset.UTC);
        int count = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        byte[] der;
        try {
            der = crl.getEncoded();
        } catch (CRLException e) {
            throw invalid("cannot be encoded");
        }
        Sql.work(em, c -> Sql.update(c, "insert into trusted_crl (organization_id, issuer, issuer_fingerprint, this_update, "
                + "next_update, revoked_count, der, added_by) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (organization_id, "
                + "issuer_fingerprint) do update set issuer = excluded.issuer, this_update = excluded.this_update, next_update = "
                + "excluded.next_update, revoked_count = excluded.revoked_count, der = excluded.der, added_by = excluded.added_by, "
                + "added_at = now() where trusted_crl.this_update < excluded.this_update", org.id, Certificates.subject(issuer), fp,
                thisUpdate, nextUpdate, count, der, currentUser.username()));
        return list(org.id).stream().filter(v -> v.issuer().equals(Certificates.subject(issuer))).findFirst().orElseThrow();
    }

    private static boolean verifies(X509CRL crl, X509Certificate ca) {
        try {
            crl.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Transactional
    public List<TrustDtos.CrlView> list(String orgRef) {
        return list(organizations.require(orgRef).id);
    }

    List<TrustDtos.CrlView> list(long orgId) {
        return Sql.work(em, c -> Sql.rows(c, "select id, issuer, this_update, next_update, revoked_count, added_by, added_at "
                + "from trusted_crl where organization_id = ? order by id", rs -> new TrustDtos.CrlView(rs.getLong(1),
                rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class), rs.getInt(5),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class)), orgId));
    }

    /** The CRLs an organization holds, for verification. */
    @Transactional
    public List<X509CRL> crls(long orgId) {
        List<X509CRL> out = new ArrayList<>();
        for (byte[] der : Sql.work(em, c -> Sql.rows(c, "select der from trusted_crl where organization_id = ?",
                rs -> rs.getBytes(1), orgId))) {
            X509CRL crl = Crls.parse(der);
            if (crl != null) {
                out.add(crl);
            }
        }
        return out;
    }

    private static FerryException invalid(String why) {
        return new FerryException(ErrorCode.TRUST_CRL_INVALID, "The CRL " + why + ". Give the source server's CRL, e.g. "
                + "curl -o crl.pem https://SOURCE:8443/pki/crl.pem, then ferry trust add --crl crl.pem.", "pem");
    }
}
