package io.ferry.trust;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** PEM in and out: certificates (one or a chain) and private keys; key files are written 0600, atomically. */
public final class Pem {
    /** Largest PEM text accepted from a caller (a chain of a few certificates). */
    public static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_CERTIFICATES = 10;

    private Pem() {
    }

    public static String of(Object certOrKey) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            if (certOrKey instanceof PrivateKey k) {
                pw.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null)); // PKCS#8 "PRIVATE KEY"
            } else {
                pw.writeObject(certOrKey);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** The certificates in PEM text; anything else in it, or none, is FERRY-TRUST-001 naming {@code field}. */
    public static List<X509Certificate> certificates(String text, String field) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw invalid(field, text == null || text.isBlank() ? "is empty" : "is longer than " + MAX_TEXT + " characters");
        }
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (!(o instanceof X509CertificateHolder h)) {
                    throw invalid(field, "holds a " + o.getClass().getSimpleName().replace("Holder", "") + ", not only certificates");
                }
                if (out.size() == MAX_CERTIFICATES) {
                    throw invalid(field, "holds more than " + MAX_CERTIFICATES + " certificates");
                }
                out.add(new JcaX509CertificateConverter().getCertificate(h));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof FerryException fe) {
                throw fe;
            }
            throw invalid(field, "is not valid PEM (" + e.getClass().getSimpleName() + ")");
        }
        if (out.isEmpty()) {
            throw invalid(field, "holds no certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(file))) {
            Object o = p.readObject();
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return c.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            throw new IOException(file + " holds no private key");
        }
    }

    /** Writes {@code text} to {@code file} via a temp file created with {@code mode}, then renames it into place. */
    static void write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static FerryException invalid(String field, String why) {
        return new FerryException(ErrorCode.TRUST_CERTIFICATE_INVALID, "The certificate text " + why + ". Give PEM certificates, "
                + "e.g. the file 'ferry ca export' writes on the source server.", field);
    }
}
