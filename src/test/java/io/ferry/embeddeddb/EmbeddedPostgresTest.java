package io.ferry.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL, started as the server starts it (as user nobody when the test runs as root). */
class EmbeddedPostgresTest {
    Path base;
    EmbeddedPostgres pg;

    @BeforeEach
    void setUp() throws Exception {
        Path root = Path.of(System.getProperty("ferrytest.root", "target/test-data")).toAbsolutePath();
        Files.createDirectories(root);
        base = Files.createTempDirectory(root, "embedded-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() {
        if (pg != null) {
            pg.stop();
        }
    }

    @Test
    void createsReusesAndStops() throws Exception {
        pg = start();
        insertKept("survives restart");
        if (RunAs.isRoot()) {
            assertThat(Files.getOwner(pg.pgdata()).getName()).isEqualTo("nobody");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("credentials.properties"))))
                .isEqualTo("rw-------");
        pg.stop();
        assertThat(pg.pgdata().resolve("postmaster.pid")).doesNotExist();

        pg = start();
        assertThat(selectKept()).isEqualTo("survives restart");
    }

    @Test
    void recoversAStalePidFileAfterACrash() throws Exception {
        pg = start();
        insertKept("after crash");
        long pid = Long.parseLong(Files.readAllLines(pg.pgdata().resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        waitForChildrenToExit();
        assertThat(pg.pgdata().resolve("postmaster.pid")).as("stale pid file left by the crash").exists();

        pg = start();
        assertThat(selectKept()).isEqualTo("after crash");
    }

    @Test
    void stopsAServerLeftRunningByACrashedFerryAndStartsAgain() throws Exception {
        EmbeddedPostgres orphan = start();
        long orphanPid = Long.parseLong(Files.readAllLines(orphan.pgdata().resolve("postmaster.pid")).get(0).strip());
        // the owning JVM "crashes": nobody calls orphan.stop()
        pg = start();
        assertThat(EmbeddedPostgres.isRunning(orphanPid)).as("orphan postmaster still running").isFalse();
        try (Connection c = pg.open(); ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void worksBelowADirectoryTheDatabaseUserCannotTraverse() throws Exception {
        Path locked = Files.createDirectories(base.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        Path inner = locked.resolve("data").resolve("postgres");
        pg = new EmbeddedPostgres(new EmbeddedPostgres.Settings(inner, 0, null, "nobody"));
        pg.start();
        try (Connection c = pg.open(); ResultSet rs = c.createStatement().executeQuery("select current_setting('data_directory')")) {
            rs.next();
            assertThat(Path.of(rs.getString(1))).as("the cluster stays under the data directory").startsWith(inner);
        }
    }

    @Test
    void missingCredentialsForAnExistingClusterIsAClearError() throws Exception {
        pg = start();
        pg.stop();
        pg = null;
        Files.delete(base.resolve("credentials.properties"));
        assertThatThrownBy(this::start).isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("credentials file").hasMessageContaining("Restore the file");
    }

    private EmbeddedPostgres start() {
        EmbeddedPostgres p = new EmbeddedPostgres(new EmbeddedPostgres.Settings(base, 0, null, "nobody"));
        p.start();
        return p;
    }

    private void insertKept(String value) throws Exception {
        try (Connection c = pg.open(); Statement st = c.createStatement()) {
            st.execute("create table kept (v text)");
            st.execute("insert into kept values ('" + value + "')");
        }
    }

    private String selectKept() throws Exception {
        try (Connection c = pg.open(); ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void waitForChildrenToExit() throws InterruptedException {
        // after SIGKILL of the postmaster its backends notice and exit on their own within a moment
        Thread.sleep(1500);
    }
}
