package io.ferry.trust;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS (PKCS#7) signatures over a file, streamed (the file is never held in memory): the form
 * {@code openssl cms -verify -binary -inform DER -content FILE -in FILE.p7s -CAfile ca.pem} checks.
 */
public final class Signatures {
    /** Largest signature accepted (a signature with a chain of a few certificates is 1-3 KiB). */
    public static final int MAX_BYTES = 32 * 1024;
    private static final int MAX_CHAIN = 5;

    private Signatures() {
    }

    /** What a verification found; {@code valid} and {@code trusted} false with a {@code reason} when it fails. */
    public record Verification(boolean valid, boolean trusted, String reason, String signer, List<String> chain) {
        static Verification invalid(String reason, String signer) {
            return new Verification(false, false, reason, signer, List.of());
        }
    }

    public static byte[] sign(Path content, PrivateKey key, List<X509Certificate> chain) throws IOException {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("RSA".equals(key.getAlgorithm()) ? "SHA256withRSA"
                            : Certificates.SIGNATURE_ALGORITHM).build(key), chain.get(0)));
            gen.addCertificates(new JcaCertStore(chain));
            return gen.generate(new CMSProcessableFile(content.toFile()), false).getEncoded();
        } catch (CMSException | OperatorCreationException | CertificateException e) {
            throw new IOException("cannot sign " + content + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies {@code der} over {@code content} at {@code now}: the CMS structure, exactly one signer, the
     * signature over the file's bytes, a signing certificate (digitalSignature, codeSigning) valid now, and a
     * chain of carried certificates (each valid now, issuers CAs) up to one of {@code anchors}.
     */
    public static Verification verify(byte[] der, Path content, Collection<X509Certificate> anchors, Instant now) {
        if (der == null || der.length == 0 || der.length > MAX_BYTES) {
            return Verification.invalid("the signature is empty or larger than " + MAX_BYTES + " bytes", null);
        }
        CMSSignedData sd;
        X509Certificate signer;
        List<X509Certificate> carried = new ArrayList<>();
        try {
            sd = new CMSSignedData(new CMSProcessableFile(new File(content.toString())), der);
            Collection<SignerInformation> signers = sd.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return Verification.invalid("it has " + signers.size() + " signers, not one", null);
            }
            SignerInformation si = signers.iterator().next();
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            for (X509CertificateHolder h : sd.getCertificates().getMatches(null)) {
                if (carried.size() == MAX_CHAIN) {
                    return Verification.invalid("it carries more than " + MAX_CHAIN + " certificates", null);
                }
                carried.add(conv.getCertificate(h));
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> mine = sd.getCertificates().getMatches(si.getSID());
            if (mine.isEmpty()) {
                return Verification.invalid("it does not carry its signer's certificate", null);
            }
            signer = conv.getCertificate(mine.iterator().next());
            // built from the key, not the certificate: validity is checked below, with a message naming it
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer.getPublicKey()))) {
                return Verification.invalid("the signature does not match the signed bytes", Certificates.subject(signer));
            }
        } catch (CMSException e) {
            String m = String.valueOf(e.getMessage());
            return Verification.invalid(m.contains("message-digest") || m.contains("digest")
                    ? "the signed bytes were changed after signing (digest mismatch)" : "it is not a valid CMS signature", null);
        } catch (CertificateException | OperatorCreationException | RuntimeException e) {
            return Verification.invalid("it is not a valid CMS signature", null);
        }
        String subject = Certificates.subject(signer);
        if (!Certificates.isSigner(signer)) {
            return Verification.invalid("its signer " + subject + " is not a bundle-signing certificate (it needs key usage "
                    + "digitalSignature and extended key usage codeSigning; TLS and client certificates are not)", subject);
        }
        String validity = validity(signer, now);
        if (validity != null) {
            return Verification.invalid("its signer " + subject + " " + validity, subject);
        }
        return chain(signer, carried, anchors, now);
    }

    private static Verification chain(X509Certificate signer, List<X509Certificate> carried, Collection<X509Certificate> anchors,
                                      Instant now) {
        Set<String> trusted = anchors.stream().map(Certificates::fingerprint).collect(Collectors.toSet());
        List<String> path = new ArrayList<>(List.of(Certificates.subject(signer)));
        X509Certificate cur = signer;
        for (int depth = 0; depth <= MAX_CHAIN; depth++) {
            if (trusted.contains(Certificates.fingerprint(cur))) {
                return new Verification(true, true, null, path.get(0), path);
            }
            X509Certificate issuer = issuerOf(cur, anchors);
            boolean anchor = issuer != null;
            if (issuer == null) {
                issuer = issuerOf(cur, carried);
            }
            if (issuer == null || issuer.equals(cur)) {
                return new Verification(true, false, "its chain " + String.join(" <- ", path) + " ends at a certificate this "
                        + "organization does not trust", path.get(0), path);
            }
            if (!Certificates.isCa(issuer)) {
                return Verification.invalid("its chain has " + Certificates.subject(issuer) + ", which is not a CA, as an issuer",
                        path.get(0));
            }
            String validity = validity(issuer, now);
            if (validity != null) {
                return Verification.invalid("its issuer " + Certificates.subject(issuer) + " " + validity, path.get(0));
            }
            path.add(Certificates.subject(issuer));
            if (anchor) {
                return new Verification(true, true, null, path.get(0), path);
            }
            cur = issuer;
        }
        return Verification.invalid("its chain is longer than " + MAX_CHAIN, path.get(0));
    }

    /** The certificate among {@code candidates} whose key signed {@code c}, or null. */
    private static X509Certificate issuerOf(X509Certificate c, Collection<X509Certificate> candidates) {
        for (X509Certificate i : candidates) {
            if (i.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                try {
                    c.verify(i.getPublicKey());
                    return i;
                } catch (java.security.GeneralSecurityException e) {
                    // another key under the same name: keep looking
                }
            }
        }
        return null;
    }

    private static String validity(X509Certificate c, Instant now) {
        if (c.getNotAfter().before(Date.from(now))) {
            return "expired on " + c.getNotAfter().toInstant();
        }
        if (c.getNotBefore().after(Date.from(now))) {
            return "is not valid before " + c.getNotBefore().toInstant();
        }
        return null;
    }
}
