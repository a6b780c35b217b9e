package io.ferry.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions stamped in at build time (from ferry-build.properties). */
public record BuildInfo(String version, String postgresBinariesVersion) {
    private static final BuildInfo INSTANCE = load();

    public static BuildInfo get() {
        return INSTANCE;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/ferry-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // defaults below
        }
        return new BuildInfo(p.getProperty("ferry.version", "unknown"), p.getProperty("postgres.binaries.version", "bundled"));
    }
}
