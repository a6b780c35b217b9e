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
}
