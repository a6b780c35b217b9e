package io.ferry.trust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Trust settings (prefix {@code ferry.trust}); documented in docs/configuration.md and docs/trust.md. */
@ConfigMapping(prefix = "ferry.trust")
public interface TrustConfig {
    /** Where the CA and signing keys and certificates live. Default: {@code <data-dir>/trust}. */
    Optional<Path> dir();

    /** Days the server CA is valid when it is created. */
    @WithDefault("3650")
    int caValidityDays();

    /** Days a bundle-signing certificate is valid; it is renewed at start when fewer than {@code signer-renew-days} remain. */
    @WithDefault("730")
    int signerValidityDays();

    @WithDefault("30")
    int signerRenewDays();

    /** An operator's own CA certificate (PEM) to use instead of the generated one; needs {@code ca-key-file}. */
    Optional<Path> caCertificateFile();

    /** The private key (PEM, PKCS#8 or traditional) of {@code ca-certificate-file}; keep it 0600. */
    Optional<Path> caKeyFile();

    /** Days after a CA rotation during which the previous CA stays trusted. */
    @WithDefault("30")
    int caOverlapDays();
}
