package io.ferry.trust;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CRLHolder;
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

    /**
     * What a verification found: {@code valid} and {@code trusted} false with a {@code reason} when it fails;
     * {@code revoked} true (valid and trusted, with the reason) when a CRL lists a certificate of the chain.
     */
    public record Verification(boolean valid, boolean trusted, boolean revoked, String reason, String signer, List<String> chain) {
        static Verification invalid(String reason, String signer) {
            return new Verification(false, false, false, reason, signer, List.of());
        }
    }

    public static byte[] sign(Path content, PrivateKey key, List<X509Certificate> chain) throws IOException {
        return sign(content, key, chain, List.of());
    }

    /** Signs with {@code chain} and carries {@code crls} (DER), so an importer sees the signer's revocations. */
    public static byte[] sign(Path content, PrivateKey key, List<X509Certificate> chain, List<byte[]> crls) throws IOException {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("RSA".equals(key.getAlgorithm()) ? "SHA256withRSA"
                            : Certificates.SIGNATURE_ALGORITHM).build(key), chain.get(0)));
            gen.addCertificates(new JcaCertStore(chain));
            for (byte[] crl : crls) {
                gen.addCRL(new X509CRLHolder(crl));
            }
            return gen.generate(new CMSProcessableFile(content.toFile()), false).getEncoded();
        } catch (CMSException | OperatorCreationException | CertificateException e) {
            throw new IOException("cannot sign " + content + ": " + e.getMessage(), e);
        }
    }

    /**
     * An encapsulating CMS signature written as the content streams through: what is written to the returned
     * stream is carried inside the SignedData on {@code out} (closing it writes the signature). The form
     * {@code openssl cms -verify -binary -inform DER -in FILE} checks and unwraps.
     */
    public static java.io.OutputStream signing(java.io.OutputStream out, PrivateKey key, List<X509Certificate> chain)
            throws IOException {
        try {
            org.bouncycastle.cms.CMSSignedDataStreamGenerator gen = new org.bouncycastle.cms.CMSSignedDataStreamGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("RSA".equals(key.getAlgorithm()) ? "SHA256withRSA"
                            : Certificates.SIGNATURE_ALGORITHM).build(key), chain.get(0)));
            gen.addCertificates(new JcaCertStore(chain));
            return gen.open(out, true);
        } catch (CMSException | OperatorCreationException | CertificateException e) {
            throw new IOException("cannot sign: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies {@code der} over {@code content} at {@code now}: the CMS structure, exactly one signer, the
     * signature over the file's bytes, a signing certificate (digitalSignature, codeSigning) valid now, and a
     * chain of carried certificates (each valid now, issuers CAs) up to one of {@code anchors}.
     */
    public static Verification verify(byte[] der, Path content, Collection<X509Certificate> anchors, Instant now) {
        return verify(der, content, anchors, List.of(), now);
    }

    /** As above, and checks each certificate of the chain against {@code crls} and the CRLs the signature carries. */
    public static Verification verify(byte[] der, Path content, Collection<X509Certificate> anchors, Collection<X509CRL> crls,
                                      Instant now) {
        if (der == null || der.length == 0 || der.length > MAX_BYTES) {
            return Verification.invalid("the signature is empty or larger than " + MAX_BYTES + " bytes", null);
        }
        CMSSignedData sd;
        X509Certificate signer;
        List<X509Certificate> carried = new ArrayList<>();
        List<X509CRL> allCrls = new ArrayList<>(crls);
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
            for (Object h : sd.getCRLs().getMatches(null)) {
                if (allCrls.size() > crls.size() + MAX_CHAIN) {
                    return Verification.invalid("it carries more than " + MAX_CHAIN + " CRLs", null);
                }
                X509CRL crl = Crls.fromHolder((X509CRLHolder) h);
                if (crl != null) {
                    allCrls.add(crl);
                }
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
        return chain(signer, carried, anchors, allCrls, now);
    }

    private static Verification chain(X509Certificate signer, List<X509Certificate> carried, Collection<X509Certificate> anchors,
                                      Collection<X509CRL> crls, Instant now) {
        List<X509Certificate> path = new ArrayList<>(List.of(signer));
        String[] problem = new String[1];
        if (!extend(path, carried, anchors, now, problem)) {
            if (problem[0] != null) {
                return Verification.invalid(problem[0], Certificates.subject(signer));
            }
            List<String> names = path.stream().map(Certificates::subject).toList();
            return new Verification(true, false, false, "its chain " + String.join(" <- ", names) + " ends at a certificate this "
                    + "organization does not trust", names.get(0), names);
        }
        List<String> names = path.stream().map(Certificates::subject).toList();
        for (int i = 0; i + 1 < path.size(); i++) {
            String revoked = Crls.revocation(path.get(i), path.get(i + 1), crls);
            if (revoked != null) {
                return new Verification(true, true, true, Certificates.subject(path.get(i)) + " " + revoked, names.get(0), names);
            }
        }
        return new Verification(true, true, false, null, names.get(0), names);
    }

    /**
     * Extends {@code path} (depth first, over every issuer whose key verifies the last certificate) until it ends at
     * an anchor: true then, with the anchor last. A CA on the way that is not one, or out of its validity, is a problem.
     */
    private static boolean extend(List<X509Certificate> path, List<X509Certificate> carried, Collection<X509Certificate> anchors,
                                  Instant now, String[] problem) {
        X509Certificate cur = path.get(path.size() - 1);
        Set<String> trusted = anchors.stream().map(Certificates::fingerprint).collect(Collectors.toSet());
        if (trusted.contains(Certificates.fingerprint(cur))) {
            return true;
        }
        X509Certificate anchor = issuerOf(cur, anchors);
        if (anchor != null && check(anchor, now, problem)) {
            path.add(anchor);
            return true;
        }
        if (path.size() > MAX_CHAIN || problem[0] != null) {
            return false;
        }
        for (X509Certificate issuer : carried) {
            if (issuer.equals(cur) || path.contains(issuer) || !issues(issuer, cur)) {
                continue;
            }
            if (!check(issuer, now, problem)) {
                return false;
            }
            path.add(issuer);
            if (extend(path, carried, anchors, now, problem)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static boolean check(X509Certificate issuer, Instant now, String[] problem) {
        if (!Certificates.isCa(issuer)) {
            problem[0] = "its chain has " + Certificates.subject(issuer) + ", which is not a CA, as an issuer";
            return false;
        }
        String validity = validity(issuer, now);
        if (validity != null) {
            problem[0] = "its issuer " + Certificates.subject(issuer) + " " + validity;
            return false;
        }
        return true;
    }

    private static boolean issues(X509Certificate issuer, X509Certificate c) {
        if (!issuer.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** The certificate among {@code candidates} whose key signed {@code c}, or null. */
    private static X509Certificate issuerOf(X509Certificate c, Collection<X509Certificate> candidates) {
        for (X509Certificate i : candidates) {
            if (issues(i, c)) {
                return i;
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
