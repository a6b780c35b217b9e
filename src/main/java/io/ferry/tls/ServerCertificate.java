package io.ferry.tls;

import io.ferry.trust.CaRotation;
import io.ferry.trust.Certificates;
import io.ferry.trust.KeyFiles;
import io.ferry.trust.ServerCa;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The certificate the HTTPS listener presents: {@code <trust>/tls.pem} (chain) and {@code tls.key} (0600),
 * issued by this server's CA for the configured names, or the operator's files ({@code ferry.tls.certificate-file},
 * {@code key-file}). It is issued again at start and hourly when it nears expiry, names other hosts than
 * configured, or was issued by a CA that is no longer current; {@link #renew()} does it on demand. The running
 * listener picks the new one up at the next handshake ({@link ServerKeyManager}); nothing restarts.
 */
@ApplicationScoped
public class ServerCertificate {
    private static final Logger LOG = Logger.getLogger(ServerCertificate.class);

    @Inject
    TlsConfig config;
    @Inject
    ServerCa ca;

    /** The chain (leaf first) and key presented now. */
    public record Current(List<X509Certificate> chain, PrivateKey key, String source) {
    }

    private volatile Current current;

    void onStart(@Observes @Priority(21) StartupEvent e) {
        load(false);
    }

    void onRotation(@Observes CaRotation.CaRotated e) {
        load(true);
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewIfDue() {
        load(false);
    }

    public Current current() {
        return current;
    }

    public boolean configured() {
        return config.certificateFile().isPresent();
    }

    /** Issues the certificate again now (or reads the operator's files again), and uses it from the next handshake. */
    public Current renew() {
        load(true);
        return current;
    }

    synchronized void load(boolean force) {
        try {
            if (configured() != config.keyFile().isPresent()) {
                throw new IllegalStateException("Set both ferry.tls.certificate-file and ferry.tls.key-file, or neither.");
            }
            if (configured()) {
                Path certFile = config.certificateFile().get();
                current = new Current(KeyFiles.certificates(certFile), KeyFiles.privateKey(config.keyFile().get()), "configured: "
                        + certFile);
                return;
            }
            Path dir = ca.trustDir();
            Path pem = dir.resolve("tls.pem");
            Path keyFile = dir.resolve("tls.key");
            List<String> names = hostNames();
            String why = force ? "renewal requested" : Files.exists(pem) && Files.exists(keyFile) ? dueReason(KeyFiles.certificates(pem),
                    names) : "first start";
            if (why != null) {
                KeyPair key = Certificates.newKeyPair();
                X509Certificate cert = ca.issueTlsServer(key.getPublic(), "CN=" + names.get(0) + ",O=Ferry", names,
                        Duration.ofDays(config.validityDays()));
                KeyFiles.write(keyFile, key.getPrivate());
                KeyFiles.write(pem, List.of(cert, ca.ca()));
                LOG.infof("Issued the TLS server certificate for %s, valid until %s (%s)", names, cert.getNotAfter().toInstant(), why);
            }
            current = new Current(KeyFiles.certificates(pem), KeyFiles.privateKey(keyFile), "issued by this server's CA");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the TLS server certificate: " + e.getMessage(), e);
        }
    }

    /** Why the stored certificate must be issued again, or null. */
    private String dueReason(List<X509Certificate> chain, List<String> names) {
        X509Certificate leaf = chain.get(0);
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(config.renewDays())))) {
            return "it expires on " + leaf.getNotAfter().toInstant();
        }
        if (!normal(Certificates.alternativeNames(leaf)).equals(normal(names))) {
            return "the configured host names changed";
        }
        try {
            leaf.verify(ca.ca().getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            return "it was issued by an earlier CA";
        }
        return null;
    }

    /** Names compared as the certificate holds them: IP addresses in one canonical form ("::1" is 0:0:0:0:0:0:0:1). */
    private static java.util.Set<String> normal(List<String> names) {
        java.util.Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            try {
                out.add(n.contains(":") || n.matches("[0-9.]+") ? InetAddress.getByName(n).getHostAddress() : n.toLowerCase(
                        java.util.Locale.ROOT));
            } catch (IOException e) {
                out.add(n);
            }
        }
        return out;
    }

    List<String> hostNames() {
        if (config.hostNames().isPresent() && !config.hostNames().get().isEmpty()) {
            return config.hostNames().get().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        }
        List<String> out = new ArrayList<>();
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host != null && !host.isBlank() && !"localhost".equals(host)) {
                out.add(host);
            }
        } catch (IOException e) {
            // no resolvable host name: localhost and the loopback addresses remain
        }
        out.addAll(List.of("localhost", "127.0.0.1", "::1"));
        return out;
    }
}
