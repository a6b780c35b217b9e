package io.ferry.trust;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.jboss.logging.Logger;

/**
 * CA rotation with an overlap: the current CA moves to {@code trust/previous/} (with its key, so it can still
 * sign its CRL) and a new CA is created. Until the overlap ends this server still accepts client certificates
 * of the previous CA, and every bundle signature carries the new CA certified by the previous one, so
 * importers that trust only the previous CA keep verifying while they add the new one.
 */
@ApplicationScoped
public class CaRotation {
    private static final Logger LOG = Logger.getLogger(CaRotation.class);

    @Inject
    ServerCa ca;
    @Inject
    TrustConfig config;
    @Inject
    Event<CaRotated> rotated;

    /** Fired after a rotation, so certificates issued by the old CA (the TLS one) are issued again. */
    public record CaRotated(X509Certificate previous, X509Certificate current) {
    }

    public TrustDtos.RotationView rotate() {
        if (ca.configured()) {
            throw new FerryException(ErrorCode.TRUST_CA_CONFIGURED, "This server's CA comes from the files set in "
                    + "ferry.trust.ca-certificate-file and ca-key-file; rotate it in your PKI, replace the files and restart.");
        }
        X509Certificate old;
        X509Certificate current;
        Instant until = Instant.now().plus(Duration.ofDays(config.caOverlapDays()));
        synchronized (ca) {
            old = ca.ca();
            Path dir = ca.dir();
            Path prev = dir.resolve("previous");
            String id = Certificates.fingerprint(old).substring(0, 16);
            try {
                Files.createDirectories(prev);
                KeyPair oldKey = new KeyPair(old.getPublicKey(), Pem.privateKey(dir.resolve("ca.key")));
                Files.move(dir.resolve("ca.key"), prev.resolve(id + ".key"), StandardCopyOption.ATOMIC_MOVE);
                Files.move(dir.resolve("ca.pem"), prev.resolve(id + ".pem"), StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(prev.resolve(id + ".until"), until.toString());
                ca.createCa(dir);
                X509Certificate fresh = Pem.certificates(Files.readString(dir.resolve("ca.pem")), "ca.pem").get(0);
                Pem.write(prev.resolve(id + ".cross.pem"), Pem.of(cross(fresh, old, oldKey, until)), "rw-r--r--");
                Files.deleteIfExists(dir.resolve("signer.pem"));
                ca.load();
                current = ca.ca();
            } catch (IOException e) {
                throw new UncheckedIOException("CA rotation failed under " + dir + ": " + e.getMessage(), e);
            }
        }
        LOG.infof("Rotated this server's CA: new %s (fingerprint %s); the previous one (%s) stays trusted until %s",
                Certificates.subject(current), Certificates.fingerprint(current), Certificates.fingerprint(old), until);
        rotated.fire(new CaRotated(old, current));
        return new TrustDtos.RotationView(TrustService.view(current), TrustService.view(old), until.atOffset(java.time.ZoneOffset.UTC));
    }

    /** The new CA's key and name, certified by the previous CA until the overlap ends. */
    static X509Certificate cross(X509Certificate fresh, X509Certificate old, KeyPair oldKey, Instant until) {
        var b = new JcaX509v3CertificateBuilder(old, new BigInteger(127, new java.security.SecureRandom()),
                Date.from(Instant.now().minus(Duration.ofMinutes(5))), Date.from(until), fresh.getSubjectX500Principal(),
                fresh.getPublicKey());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(fresh.getPublicKey()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(old.getPublicKey()));
            return Certificates.build(b, oldKey, Certificates.SIGNATURE_ALGORITHM);
        } catch (Exception e) {
            throw new IllegalStateException("cannot certify the new CA with the previous one", e);
        }
    }

    /** The previous CAs under {@code dir}, newest first. */
    static List<ServerCa.PreviousCa> readPrevious(Path dir, X509Certificate current) throws IOException {
        List<ServerCa.PreviousCa> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path until : files.filter(p -> p.getFileName().toString().endsWith(".until")).sorted().toList()) {
                String id = until.getFileName().toString().replace(".until", "");
                X509Certificate cert = Pem.certificates(Files.readString(dir.resolve(id + ".pem")), id + ".pem").get(0);
                Path crossFile = dir.resolve(id + ".cross.pem");
                X509Certificate cross = Files.exists(crossFile) ? Pem.certificates(Files.readString(crossFile), "cross").get(0) : null;
                if (cross != null && !cross.getPublicKey().equals(current.getPublicKey())) {
                    cross = null; // certifies a CA that is no longer current
                }
                out.add(new ServerCa.PreviousCa(cert, dir.resolve(id + ".key"), Instant.parse(Files.readString(until).trim()), cross));
            }
        }
        out.sort((a, b) -> b.until().compareTo(a.until()));
        return out;
    }
}
