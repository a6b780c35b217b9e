package io.ferry.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates a server makes: its CA (ECDSA P-256, CA:true, keyCertSign/cRLSign) and its bundle
 * signing certificate (digitalSignature, extended key usage codeSigning and emailProtection, the latter so
 * {@code openssl cms -verify} accepts it under its default purpose). Verification requires codeSigning, so
 * a TLS server or client certificate is never accepted as a bundle signer.
 */
public final class Certificates {
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate newCa(KeyPair key, String subject, Duration validity) {
        X500Name name = name(subject);
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(validity)), name, key.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
            return build(b, key, SIGNATURE_ALGORITHM);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the CA certificate", e);
        }
    }

    /** A bundle-signing certificate for {@code subjectKey}, issued by the CA, valid from {@code from} for {@code validity}. */
    public static X509Certificate newSigner(KeyPair ca, X509Certificate caCert, PublicKey subjectKey, String subject,
                                            Instant from, Duration validity) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(from), Date.from(from.plus(validity)),
                name(subject), subjectKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_codeSigning, KeyPurposeId.id_kp_emailProtection}));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert.getPublicKey()));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            return build(b, ca, SIGNATURE_ALGORITHM);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the signing certificate", e);
        }
    }

    /** A TLS server certificate (serverAuth) for DNS names and IP addresses, issued by the CA. */
    public static X509Certificate newTlsServer(KeyPair ca, X509Certificate caCert, PublicKey subjectKey, String subject,
                                               List<String> names, Instant from, Duration validity) {
        GeneralName[] san = names.stream().map(n -> new GeneralName(isIpAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        return leaf(ca, caCert, subjectKey, subject, from, validity, KeyPurposeId.id_kp_serverAuth, new GeneralNames(san));
    }

    /** A TLS client certificate (clientAuth only) identifying a downstream server, issued by the CA. */
    public static X509Certificate newTlsClient(KeyPair ca, X509Certificate caCert, PublicKey subjectKey, String subject,
                                               Instant from, Duration validity) {
        return leaf(ca, caCert, subjectKey, subject, from, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    private static X509Certificate leaf(KeyPair ca, X509Certificate caCert, PublicKey subjectKey, String subject, Instant from,
                                        Duration validity, KeyPurposeId purpose, GeneralNames san) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(from), Date.from(from.plus(validity)),
                name(subject), subjectKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            boolean rsa = "RSA".equals(subjectKey.getAlgorithm());
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | (rsa ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert.getPublicKey()));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            return build(b, ca, SIGNATURE_ALGORITHM);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the certificate " + subject, e);
        }
    }

    static boolean isIpAddress(String n) {
        return n.contains(":") || n.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** The DNS names and IP addresses a certificate names (subject alternative names), in order. */
    public static List<String> alternativeNames(X509Certificate c) {
        try {
            Collection<List<?>> san = c.getSubjectAlternativeNames();
            return san == null ? List.of() : san.stream().map(e -> String.valueOf(e.get(1))).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }

    static X509Certificate build(X509v3CertificateBuilder b, KeyPair issuer, String algorithm)
            throws OperatorCreationException, java.security.cert.CertificateException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm)
                .build(issuer.getPrivate())));
    }

    /** SHA-256 of the DER encoding, lower-case hex: how a certificate is named in lists and messages. */
    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    static boolean isCa(X509Certificate c) {
        return c.getBasicConstraints() >= 0;
    }

    static boolean isSigner(X509Certificate c) {
        try {
            boolean[] ku = c.getKeyUsage();
            return c.getBasicConstraints() < 0 && ku != null && ku[0] && c.getExtendedKeyUsage() != null
                    && c.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_codeSigning.getId());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    /** A name from its RFC 2253 text, encoded so that it prints back in the same order. */
    static X500Name name(String rfc2253) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc2253).getEncoded());
    }

    static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }
}
