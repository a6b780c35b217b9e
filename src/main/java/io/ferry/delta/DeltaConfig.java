package io.ferry.delta;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Block-level delta settings (prefix {@code ferry.delta}); documented in docs/configuration.md and docs/deltas.md. */
@ConfigMapping(prefix = "ferry.delta")
public interface DeltaConfig {
    /** Whether blobs get chunk indexes as they are stored (off: no index is written; existing ones stay). */
    @WithDefault("true")
    boolean enabled();

    /** Blobs of at least this many bytes are indexed (64 MiB). */
    @WithDefault("67108864")
    long minBlobSize();
}
