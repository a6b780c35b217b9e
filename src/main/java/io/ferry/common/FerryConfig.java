package io.ferry.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Server-wide settings (prefix {@code ferry}); every key is documented in docs/configuration.md. */
@ConfigMapping(prefix = "ferry")
public interface FerryConfig {
    /** Where Ferry keeps its blobs, embedded database and generated secrets. Env: FERRY_DATA_DIR. */
    @WithDefault("data")
    Path dataDir();

    /** A human name for this server, shown in status and (later) in export manifests. */
    @WithDefault("ferry")
    String serverName();
}
