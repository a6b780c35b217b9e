package io.ferry.support;

import io.ferry.embeddeddb.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives API tests a real PostgreSQL: the same embedded one the server uses (cluster kept under
 * target/test-data between runs, database recreated empty each run), or an external one when
 * QUARKUS_DATASOURCE_JDBC_URL is set (it must point at an empty database). Also gives each run a fresh
 * data directory, so the generated admin password path is exercised.
 */
public class TestDatabaseResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedPostgres pg;

    public static Path testRoot() {
        return Path.of(System.getProperty("ferrytest.root", "target/test-data")).toAbsolutePath();
    }

    public static Path dataDir() {
        return testRoot().resolve("quarkus-data");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>();
        deleteTree(dataDir());
        props.put("ferry.data-dir", dataDir().toString());
        // imports read bundles the tests export (under the data dir) or build (under target/scratch)
        props.put("ferry.import.allowed-roots", testRoot() + "," + Path.of("target", "scratch").toAbsolutePath());
        // small limits so the oversized-bundle tests stay fast
        props.put("ferry.import.max-manifest-bytes", String.valueOf(16L << 20));
        // parts from 6 MiB on (S3 needs 5 MiB parts), so the publication tests send a multipart upload without big files
        props.put("ferry.publication.multipart-threshold", String.valueOf(6L << 20));
        props.put("ferry.publication.part-size", String.valueOf(5L << 20));
        props.put("ferry.import.max-units", "100000");
        props.put("ferry.import.max-blobs", "100000");
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return props;
        }
        pg = new EmbeddedPostgres(new EmbeddedPostgres.Settings(testRoot().resolve("quarkus-pg"), 0, null, "nobody"));
        EmbeddedPostgres.Connection c = pg.start();
        recreateDatabase(c);
        props.put("quarkus.datasource.jdbc.url", c.jdbcUrl());
        props.put("quarkus.datasource.username", c.username());
        props.put("quarkus.datasource.password", c.password());
        return props;
    }

    @Override
    public void stop() {
        if (pg != null) {
            pg.stop();
        }
    }

    private static void recreateDatabase(EmbeddedPostgres.Connection c) {
        String admin = c.jdbcUrl().replace("/" + EmbeddedPostgres.DATABASE, "/postgres");
        try (Connection conn = DriverManager.getConnection(admin, c.username(), c.password());
             Statement st = conn.createStatement()) {
            st.execute("drop database if exists " + EmbeddedPostgres.DATABASE + " with (force)");
            st.execute("create database " + EmbeddedPostgres.DATABASE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot recreate the test database", e);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
