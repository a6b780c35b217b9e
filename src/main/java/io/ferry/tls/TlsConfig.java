package io.ferry.tls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The HTTPS listener's certificate (prefix {@code ferry.tls}); documented in docs/configuration.md and docs/trust.md. */
@ConfigMapping(prefix = "ferry.tls")
public interface TlsConfig {
    /** DNS names and IP addresses the certificate names. Default: this host's name, localhost, 127.0.0.1 and ::1. */
    Optional<List<String>> hostNames();

    /** An operator's certificate chain (PEM, leaf first) to use instead of one issued by this server's CA; needs {@code key-file}. */
    Optional<Path> certificateFile();

    /** The private key (PEM) of {@code certificate-file}. */
    Optional<Path> keyFile();

    /** Days an issued TLS certificate is valid. */
    @WithDefault("397")
    int validityDays();

    /** The certificate is issued again when fewer days than this remain (checked at start and every hour). */
    @WithDefault("30")
    int renewDays();
}
