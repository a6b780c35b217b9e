package io.ferry.trust;

import io.ferry.common.FerryConfig;
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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * This server's CA and bundle-signing key, created at first start under {@code <data>/trust/}: {@code ca.pem}
 * and {@code signer.pem} (certificates, 0644), {@code ca.key} and {@code signer.key} (0600, never logged, never
 * served). The signing certificate is renewed at start when it nears expiry; the CA stays.
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

    Path dir() {
        return config.dir().orElse(ferry.dataDir().resolve("trust")).toAbsolutePath().normalize();
    }

    void onStart(@Observes @Priority(20) StartupEvent e) {
        load();
    }

    synchronized void load() {
        Path dir = dir();
        try {
            String server = new ServerName(ferry.serverName()).value().replaceAll("[,=+<>#;\"\\\\]", "_");
            if (!Files.exists(dir.resolve("ca.pem"))) {
                KeyPair key = Certificates.newKeyPair();
                X509Certificate cert = Certificates.newCa(key, "CN=Ferry CA " + server + ",OU=" + identity.serverId() + ",O=Ferry",
                        Duration.ofDays(config.caValidityDays()));
                Pem.write(dir.resolve("ca.key"), Pem.of(key.getPrivate()), "rw-------");
                Pem.write(dir.resolve("ca.pem"), Pem.of(cert), "rw-r--r--");
                Files.deleteIfExists(dir.resolve("signer.pem"));
                LOG.infof("Created this server's CA %s (fingerprint %s)", Certificates.subject(cert), Certificates.fingerprint(cert));
            }
            ca = Pem.certificates(Files.readString(dir.resolve("ca.pem")), "ca.pem").get(0);
            Path signerPem = dir.resolve("signer.pem");
            X509Certificate s = Files.exists(signerPem) ? Pem.certificates(Files.readString(signerPem), "signer.pem").get(0) : null;
            if (s == null || s.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(config.signerRenewDays())))) {
                KeyPair caKey = new KeyPair(ca.getPublicKey(), Pem.privateKey(dir.resolve("ca.key")));
                KeyPair key = Certificates.newKeyPair();
                s = Certificates.newSigner(caKey, ca, key.getPublic(), "CN=Ferry bundle signer " + server + ",OU="
                        + identity.serverId() + ",O=Ferry", Instant.now().minus(Duration.ofMinutes(5)),
                        Duration.ofDays(config.signerValidityDays()));
                Pem.write(dir.resolve("signer.key"), Pem.of(key.getPrivate()), "rw-------");
                Pem.write(signerPem, Pem.of(s), "rw-r--r--");
                LOG.infof("Issued the bundle-signing certificate %s, valid until %s", Certificates.subject(s), s.getNotAfter()
                        .toInstant());
            }
            signer = s;
            signerKey = Pem.privateKey(dir.resolve("signer.key"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create or read the server CA under " + dir + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The signing certificate and the CA: the chain every signature carries. */
    public List<X509Certificate> signerChain() {
        return List.of(signer, ca);
    }

    PrivateKey signerKey() {
        return signerKey;
    }
}
