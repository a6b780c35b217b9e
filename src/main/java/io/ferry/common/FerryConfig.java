package io.ferry.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Server-wide settings (prefix {@code ferry}); every key is documented in docs/configuration.md.
 * Feature-specific groups ({@code ferry.tasks}) have their own mapping in their package.
 */
@ConfigMapping(prefix = "ferry")
public interface FerryConfig {
    /** Where Ferry keeps its blobs, embedded database and generated secrets. Env: FERRY_DATA_DIR. */
    @WithDefault("data")
    Path dataDir();

    /** A human name for this server, shown in status and (later) in export manifests. */
    @WithDefault("ferry")
    String serverName();

    /** Password for the {@code admin} user created at first start; generated when absent. */
    Optional<String> adminPassword();

    Storage storage();

    EmbeddedDb embeddedDb();

    /** Blob storage settings. */
    interface Storage {
        /** Readiness reports DOWN below this much free space. */
        @WithDefault("104857600")
        long minFreeBytes();
    }

    /**
     * The embedded PostgreSQL. These are read before the server starts (see EmbeddedDatabase); they are
     * mapped here so they are documented and validated in one place.
     */
    interface EmbeddedDb {
        /** 0 picks a free port at each start. */
        @WithDefault("0")
        int port();

        /** A PostgreSQL bin directory to use instead of the bundled binaries. */
        Optional<Path> binDir();

        /** The unprivileged OS user PostgreSQL runs as when Ferry runs as root. */
        @WithDefault("nobody")
        String user();
    }
}
