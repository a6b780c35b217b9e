package io.ferry.embeddeddb;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before Quarkus starts, whether Ferry runs its own PostgreSQL: only when no datasource URL
 * is configured (QUARKUS_DATASOURCE_JDBC_URL / quarkus.datasource.jdbc.url). It then starts one under
 * {@code <data>/postgres} and hands its URL and login to Quarkus as system properties.
 */
public final class EmbeddedDatabase {
    private static EmbeddedPostgres instance;

    private EmbeddedDatabase() {
    }

    /** Starts the embedded database unless an external one is configured; returns the properties set. */
    public static synchronized Map<String, String> startIfNeeded() {
        Path dataDir = dataDir();
        System.setProperty("ferry.data-dir", dataDir.toString());
        if (externalConfigured()) {
            return Map.of();
        }
        EmbeddedPostgres pg = new EmbeddedPostgres(settings(dataDir));
        EmbeddedPostgres.Connection c = pg.start();
        instance = pg;
        Map<String, String> props = Map.of(
                "quarkus.datasource.jdbc.url", c.jdbcUrl(),
                "quarkus.datasource.username", c.username(),
                "quarkus.datasource.password", c.password());
        props.forEach(System::setProperty);
        return props;
    }

    public static synchronized boolean isActive() {
        return instance != null;
    }

    public static synchronized void stop() {
        if (instance != null) {
            instance.stop();
            instance = null;
        }
    }

    static EmbeddedPostgres.Settings settings(Path dataDir) {
        int port = Integer.parseInt(setting("ferry.embedded-db.port", "FERRY_EMBEDDED_DB_PORT").orElse("0"));
        Path bin = setting("ferry.embedded-db.bin-dir", "FERRY_EMBEDDED_DB_BIN_DIR").map(Path::of).orElse(null);
        String user = setting("ferry.embedded-db.user", "FERRY_EMBEDDED_DB_USER").orElse("nobody");
        return new EmbeddedPostgres.Settings(dataDir.resolve("postgres"), port, bin, user);
    }

    /** The data directory as configured (property, environment or {@code ./data}), absolute. */
    public static Path dataDirSetting() {
        return dataDir();
    }

    static Path dataDir() {
        return Path.of(setting("ferry.data-dir", "FERRY_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
    }

    static boolean externalConfigured() {
        return setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL").isPresent();
    }

    private static Optional<String> setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
