package io.ferry.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Upstream sync settings (prefix {@code ferry.sync}); documented in docs/configuration.md. */
@ConfigMapping(prefix = "ferry.sync")
public interface SyncConfig {
    /** How often due sync plans are looked for (also how late a plan may fire). */
    @WithDefault("30s")
    Duration planCheckInterval();

    /** A plan whose run is this late (the server was busy or its previous sync still running) counts as overdue in /q/health. */
    @WithDefault("1h")
    Duration overdueAfter();
}
