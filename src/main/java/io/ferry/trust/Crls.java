package io.ferry.trust;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate revocation lists: the ones this server's CA signs, and the check of a certificate against CRLs. */
public final class Crls {
    /** How long a published CRL is current; the server signs a fresh one at each change and at least daily. */
    public static final Duration VALIDITY = Duration.ofDays(7);
    /** Largest CRL accepted from a caller or a bundle. */
    public static final int MAX_BYTES = 1 << 20;

    private Crls() {
    }

    /** A revoked certificate: its serial, when, and the RFC 5280 reason code. */
    public record Entry(BigInteger serial, Instant revokedAt, int reason) {
    }

    static byte[] build(X509Certificate ca, PrivateKey key, List<Entry> entries) {
        Instant now = Instant.now();
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca.getSubjectX500Principal(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(VALIDITY)));
        for (Entry e : entries) {
            b.addCRLEntry(e.serial(), Date.from(e.revokedAt()), e.reason());
        }
        try {
            b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getPublicKey()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            return b.build(new JcaContentSignerBuilder(Certificates.SIGNATURE_ALGORITHM).build(key)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
    }

    /** Parses a CRL from DER or PEM; null when the bytes are not one. */
    public static X509CRL parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
            return null;
        }
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            byte[] der = bytes;
            if (text.startsWith("-----BEGIN X509 CRL-----")) {
                String b64 = text.replace("-----BEGIN X509 CRL-----", "").replaceAll("-----END X509 CRL-----[\\s\\S]*", "")
                        .replaceAll("\\s", "");
                der = java.util.Base64.getDecoder().decode(b64);
            }
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            return null;
        }
    }

    static X509CRL fromHolder(org.bouncycastle.cert.X509CRLHolder h) {
        try {
            return new JcaX509CRLConverter().getCRL(h);
        } catch (java.security.cert.CRLException e) {
            return null;
        }
    }

    /**
     * Why {@code cert} counts as revoked by one of {@code crls} signed by {@code issuer}, or null. CRLs by
     * other issuers, or whose signature does not verify with the issuer's key, are ignored.
     */
    static String revocation(X509Certificate cert, X509Certificate issuer, Collection<X509CRL> crls) {
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                continue;
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (java.security.GeneralSecurityException e) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
            if (entry != null) {
                CRLReason reason = entry.getRevocationReason() == null ? null
                        : CRLReason.lookup(entry.getRevocationReason().ordinal());
                return "was revoked on " + entry.getRevocationDate().toInstant() + (reason == null ? "" : " (" + entry
                        .getRevocationReason().name().toLowerCase(java.util.Locale.ROOT) + ")") + " by a CRL of "
                        + Certificates.subject(issuer);
            }
        }
        return null;
    }
}
