package io.ferry.remote;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of syncing repositories from remotes (prefix {@code ferry.sync}). */
@ConfigMapping(prefix = "ferry.sync")
public interface SyncConfig {
    /** Attempts per file before a sync fails; each retry resumes where the last attempt stopped. */
    @WithDefault("4")
    int attempts();

    /** Time to connect, and the longest wait for a response to start. */
    @WithDefault("30s")
    Duration timeout();

    /** Files downloaded at once from a remote (each still resumed, bounded and hashed on its own). */
    @WithDefault("4")
    int parallelDownloads();

    /** The largest remote manifest accepted. */
    @WithDefault("1G")
    io.quarkus.runtime.configuration.MemorySize maxManifestSize();
}
