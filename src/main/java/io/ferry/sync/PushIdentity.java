package io.ferry.sync;

import io.ferry.common.FerryConfig;
import io.ferry.system.ServerIdentity;
import io.ferry.trust.Certificates;
import io.ferry.trust.KeyFiles;
import io.ferry.trust.ServerCa;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The client certificate this server presents when it pushes to a downstream: issued by its own CA (which every
 * downstream installed at enrollment) for clientAuth, kept in {@code trust/push/} (key 0600), issued again when
 * missing, within 30 days of expiry, or issued by an earlier CA.
 */
@ApplicationScoped
public class PushIdentity {
    static final Duration VALIDITY = Duration.ofDays(397);

    @Inject
    ServerCa ca;
    @Inject
    FerryConfig config;
    @Inject
    ServerIdentity server;

    Path key() {
        return ca.trustDir().resolve("push").resolve("client.key");
    }

    Path certificate() {
        return ca.trustDir().resolve("push").resolve("client.pem");
    }

    synchronized void ensure() {
        try {
            if (Files.exists(key()) && Files.exists(certificate()) && current(KeyFiles.certificates(certificate()).get(0))) {
                return;
            }
            Files.createDirectories(key().getParent());
            KeyPair pair = Certificates.newKeyPair();
            String cn = config.serverName().replaceAll("[^A-Za-z0-9._-]", "-");
            X509Certificate cert = ca.issueTlsClient(pair.getPublic(), "CN=" + cn + ",OU=" + server.serverId()
                    + ",O=" + PushCertificates.PUSH_ORGANIZATION,
                    VALIDITY);
            KeyFiles.write(key(), pair.getPrivate());
            KeyFiles.write(certificate(), List.of(cert, ca.ca()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the push client certificate under " + key().getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    private boolean current(X509Certificate leaf) {
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(30)))) {
            return false;
        }
        try {
            leaf.verify(ca.ca().getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
