package io.ferry.trust;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryConfig;
import io.ferry.common.FerryException;
import io.ferry.common.value.ServerName;
import io.ferry.system.ServerIdentity;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * This server's CA and bundle-signing key, created at first start under {@code <data>/trust/}: {@code ca.pem}
 * and {@code signer.pem} (certificates, 0644), {@code ca.key} and {@code signer.key} (0600, never logged, never
 * served). Operators may configure their own CA instead ({@code ferry.trust.ca-certificate-file} and
 * {@code ca-key-file}). The signing certificate is renewed at start when it nears expiry. A rotation
 * ({@link CaRotation}) keeps the previous CA trusted for an overlap period.
 */
@ApplicationScoped
public class ServerCa {
    private static final Logger LOG = Logger.getLogger(ServerCa.class);

    @Inject
    TrustConfig config;
    @Inject
    FerryConfig ferry;
    @Inject
    ServerIdentity identity;

    private volatile X509Certificate ca;
    private volatile X509Certificate signer;
    private volatile PrivateKey signerKey;
    private volatile List<PreviousCa> previous = List.of();

    /** An earlier CA of this server, still trusted until {@code until}; {@code cross} is the current CA certified by it. */
    record PreviousCa(X509Certificate cert, Path key, Instant until, X509Certificate cross) {
    }

    /** Where the CA, signing and TLS keys and certificates live. */
    public Path trustDir() {
        return dir();
    }

    Path dir() {
        return config.dir().orElse(ferry.dataDir().resolve("trust")).toAbsolutePath().normalize();
    }

    void onStart(@Observes @Priority(20) StartupEvent e) {
        load();
    }

    boolean configured() {
        return config.caCertificateFile().isPresent();
    }

    private Path caPem() {
        return config.caCertificateFile().orElse(dir().resolve("ca.pem"));
    }

    private Path caKey() {
        return config.caKeyFile().orElse(dir().resolve("ca.key"));
    }

    synchronized void load() {
        Path dir = dir();
        try {
            if (configured() != config.caKeyFile().isPresent()) {
                throw new IllegalStateException("Set both ferry.trust.ca-certificate-file and ferry.trust.ca-key-file, or neither.");
            }
            if (!configured() && !Files.exists(caPem())) {
                createCa(dir);
            }
            ca = Pem.certificates(Files.readString(caPem()), caPem().toString()).get(0);
            if (!Certificates.isCa(ca)) {
                throw new IllegalStateException(caPem() + " is not a CA certificate (basic constraints CA:true)");
            }
            previous = CaRotation.readPrevious(dir.resolve("previous"), ca);
            Path signerPem = dir.resolve("signer.pem");
            X509Certificate s = Files.exists(signerPem) ? Pem.certificates(Files.readString(signerPem), "signer.pem").get(0) : null;
            if (s == null || s.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(config.signerRenewDays())))
                    || !s.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) || !signedBy(s, ca)) {
                issueSigner(dir);
            }
            signer = Pem.certificates(Files.readString(signerPem), "signer.pem").get(0);
            signerKey = Pem.privateKey(dir.resolve("signer.key"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create or read the server CA under " + dir + ": " + e.getMessage(), e);
        }
    }

    private String serverLabel() {
        return new ServerName(ferry.serverName()).value().replaceAll("[,=+<>#;\"\\\\]", "_");
    }

    void createCa(Path dir) throws IOException {
        KeyPair key = Certificates.newKeyPair();
        X509Certificate cert = Certificates.newCa(key, "CN=Ferry CA " + serverLabel() + ",OU=" + identity.serverId() + ",O=Ferry",
                Duration.ofDays(config.caValidityDays()));
        Pem.write(dir.resolve("ca.key"), Pem.of(key.getPrivate()), "rw-------");
        Pem.write(dir.resolve("ca.pem"), Pem.of(cert), "rw-r--r--");
        LOG.infof("Created this server's CA %s (fingerprint %s)", Certificates.subject(cert), Certificates.fingerprint(cert));
    }

    private void issueSigner(Path dir) throws IOException {
        KeyPair key = Certificates.newKeyPair();
        X509Certificate s = Certificates.newSigner(caKeyPair(), ca, key.getPublic(), "CN=Ferry bundle signer " + serverLabel()
                + ",OU=" + identity.serverId() + ",O=Ferry", Instant.now().minus(Duration.ofMinutes(5)),
                Duration.ofDays(config.signerValidityDays()));
        Pem.write(dir.resolve("signer.key"), Pem.of(key.getPrivate()), "rw-------");
        Pem.write(dir.resolve("signer.pem"), Pem.of(s), "rw-r--r--");
        LOG.infof("Issued the bundle-signing certificate %s, valid until %s", Certificates.subject(s), s.getNotAfter().toInstant());
    }

    private KeyPair caKeyPair() throws IOException {
        return new KeyPair(ca.getPublicKey(), Pem.privateKey(caKey()));
    }

    static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The CAs whose certificates this server accepts: the current one and, during an overlap, the previous ones. */
    public List<X509Certificate> acceptedCas() {
        List<X509Certificate> out = new ArrayList<>(List.of(ca));
        Instant now = Instant.now();
        previous.stream().filter(p -> p.until().isAfter(now)).forEach(p -> out.add(p.cert()));
        return out;
    }

    /**
     * The chain every signature carries: the signing certificate and the CA; during a rotation overlap the new CA
     * as certified by each previous CA instead of the self-signed one, so verifiers that trust only a previous CA
     * build signer &lt;- new CA &lt;- previous CA (openssl stops at an untrusted self-signed CA in the chain), and
     * verifiers that trust the new CA find it as the signer's issuer.
     */
    public List<X509Certificate> signerChain() {
        List<X509Certificate> out = new ArrayList<>(List.of(signer));
        Instant now = Instant.now();
        previous.stream().filter(p -> p.until().isAfter(now) && p.cross() != null).forEach(p -> out.add(p.cross()));
        if (out.size() == 1) {
            out.add(ca);
        }
        return out;
    }

    PrivateKey signerKey() {
        return signerKey;
    }

    X509Certificate signer() {
        return signer;
    }

    List<PreviousCa> previous() {
        return previous;
    }

    /** A TLS server certificate for {@code names} issued by the current CA. */
    public X509Certificate issueTlsServer(PublicKey key, String subject, List<String> names, Duration validity) {
        try {
            return Certificates.newTlsServer(caKeyPair(), ca, key, subject, names, Instant.now().minus(Duration.ofMinutes(5)), validity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA key: " + e.getMessage(), e);
        }
    }

    /** A TLS client certificate issued by the current CA. */
    public X509Certificate issueTlsClient(PublicKey key, String subject, Duration validity) {
        try {
            return Certificates.newTlsClient(caKeyPair(), ca, key, subject, Instant.now().minus(Duration.ofMinutes(5)), validity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA key: " + e.getMessage(), e);
        }
    }

    /** The CRL of the CA with this fingerprint (current or previous), listing {@code revoked}. */
    public byte[] crl(String caFingerprint, List<Crls.Entry> revoked) {
        try {
            if (Certificates.fingerprint(ca).equals(caFingerprint)) {
                return Crls.build(ca, Pem.privateKey(caKey()), revoked);
            }
            for (PreviousCa p : previous) {
                if (Certificates.fingerprint(p.cert()).equals(caFingerprint)) {
                    return Crls.build(p.cert(), Pem.privateKey(p.key()), revoked);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA key: " + e.getMessage(), e);
        }
        throw new FerryException(ErrorCode.NOT_FOUND, "This server has no CA with fingerprint " + caFingerprint
                + "; 'ferry ca show' names the current one.");
    }

    /** Replaces the signing certificate now (the old one can then be revoked). */
    synchronized X509Certificate renewSigner() {
        try {
            issueSigner(dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing certificate: " + e.getMessage(), e);
        }
        load();
        return signer;
    }
}
