package io.ferry.security;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the key that encrypts stored credentials lives (see {@link SecretBox}; docs/configuration.md). */
@ConfigMapping(prefix = "ferry.secrets")
public interface SecretsConfig {
    /** Default {@code DATA_DIR/secrets/secret.key}; every node of one database needs the same file. */
    Optional<Path> keyFile();
}
