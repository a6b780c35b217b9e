package io.ferry.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.embeddeddb.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server as an operator runs it: a separate process from the packaged application, its own data
 * directory, the embedded PostgreSQL (started as an unprivileged user when this runs as root).
 */
class ServerProcessIT {
    static Path root() {
        return Path.of(System.getProperty("ferrytest.root", "target/it-data")).toAbsolutePath();
    }

    @Test
    void firstStartRestartInterruptedTaskAndCrashRecovery() throws Exception {
        Path data = root().resolve("server-" + System.nanoTime());
        ServerProcess server = ServerProcess.startFresh(data, Map.of());

        Path pwFile = data.resolve("admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pwFile))).isEqualTo("rw-------");
        String password = Files.readString(pwFile).strip();
        assertThat(server.logText()).contains(pwFile.toString()).doesNotContain(password);

        String serverId = given().baseUri(server.baseUri()).auth().preemptive().basic("admin", password)
                .get("/api/v1/status").then().statusCode(200).contentType("application/json")
                .extract().path("serverId");
        assertThat(UUID.fromString(serverId)).isNotNull();
        given().baseUri(server.baseUri()).get("/api/v1/status").then().statusCode(401).contentType("application/problem+json");
        String token = given().baseUri(server.baseUri()).auth().preemptive().basic("admin", password)
                .contentType("application/json").body("{\"name\":\"restart-test\"}").post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");

        server.stop();
        Path pgdata = data.resolve("postgres/cluster/pgdata");
        assertThat(pgdata.resolve("postmaster.pid")).as("embedded PostgreSQL stopped with the server").doesNotExist();

        UUID orphanedTask = insertRunningTask(data);

        server = ServerProcess.startFresh(data, Map.of());
        given().baseUri(server.baseUri()).header("Authorization", "Bearer " + token).get("/api/v1/status").then()
                .statusCode(200).body("serverId", org.hamcrest.Matchers.is(serverId))
                .body("database.mode", org.hamcrest.Matchers.is("embedded"));
        given().baseUri(server.baseUri()).header("Authorization", "Bearer " + token).get("/api/v1/tasks/" + orphanedTask)
                .then().statusCode(200).body("state", org.hamcrest.Matchers.is("failed"))
                .body("error.code", org.hamcrest.Matchers.is("FERRY-TASK-004"));
        assertThat(Files.readString(pwFile).strip()).as("admin password is not regenerated").isEqualTo(password);

        server.kill();
        assertThat(pgdata.resolve("postmaster.pid")).as("kill -9 leaves PostgreSQL behind").exists();
        server = ServerProcess.startFresh(data, Map.of());
        given().baseUri(server.baseUri()).header("Authorization", "Bearer " + token).get("/api/v1/status").then()
                .statusCode(200).body("serverId", org.hamcrest.Matchers.is(serverId));
        assertThat(server.logText()).containsAnyOf("still up", "stale");
        server.stop();
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsServing() throws Exception {
        Path data = root().resolve("locked-" + System.nanoTime());
        ServerProcess first = ServerProcess.startFresh(data, Map.of());
        try {
            String password = Files.readString(data.resolve("admin-password")).strip();
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> ServerProcess.startFresh(data, Map.of()));
            assertThat(refused).as("the second server must not start").isInstanceOf(AssertionError.class);
            assertThat(refused.getMessage()).contains("exited with 1").contains("is in use by another Ferry server")
                    .contains("pid " + first.pid()).contains("FERRY_DATA_DIR");
            given().baseUri(first.baseUri()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(first.baseUri()).auth().preemptive().basic("admin", password).get("/api/v1/status").then()
                    .statusCode(200).body("database.reachable", org.hamcrest.Matchers.is(true));
            assertThat(data.resolve("postgres/cluster/pgdata/postmaster.pid")).as("the first server's PostgreSQL still runs")
                    .exists();
        } finally {
            first.stop();
        }
        ServerProcess again = ServerProcess.startFresh(data, Map.of()); // the lock went with the process
        again.stop();
    }

    @Test
    void externalDatabaseIsUsedAndNothingIsStarted() throws Exception {
        Path base = root().resolve("external-pg-" + System.nanoTime());
        EmbeddedPostgres external = new EmbeddedPostgres(new EmbeddedPostgres.Settings(base, 0, null, "nobody"));
        EmbeddedPostgres.Connection c = external.start();
        try {
            Path data = root().resolve("server-external-" + System.nanoTime());
            ServerProcess server = ServerProcess.startFresh(data, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", c.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", c.username(),
                    "QUARKUS_DATASOURCE_PASSWORD", c.password(),
                    "FERRY_ADMIN_PASSWORD", "operator-chosen-secret"));
            given().baseUri(server.baseUri()).auth().preemptive().basic("admin", "operator-chosen-secret")
                    .get("/api/v1/status").then().statusCode(200)
                    .body("database.mode", org.hamcrest.Matchers.is("external"));
            assertThat(data.resolve("postgres")).as("no embedded database when one is configured").doesNotExist();
            assertThat(data.resolve("admin-password")).as("no generated password when FERRY_ADMIN_PASSWORD is set").doesNotExist();
            server.stop();
        } finally {
            external.stop();
        }
    }

    /**
     * As a normal (non-root) user the embedded PostgreSQL runs as that same user. When the suite runs as
     * root, the packaged server is run as 'nobody' from a copy under /tmp that 'nobody' can read; when the
     * suite already runs as a normal user, every other test here covers that path.
     */
    @Test
    void runsAsANormalUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the suite runs as a normal user: the other tests cover it");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ferry-normal-user-");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path appDir = dir.resolve("quarkus-app");
            copyTree(ServerProcess.app().getParent(), appDir);
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            new ProcessBuilder("chown", "-R", "nobody:nogroup", data.toString()).inheritIO().start().waitFor();
            ServerProcess server = ServerProcess.start(data, Map.of("FERRY_ADMIN_PASSWORD", "normal-user-secret"),
                    java.util.List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                    appDir.resolve("quarkus-run.jar"));
            given().baseUri(server.baseUri()).auth().preemptive().basic("admin", "normal-user-secret")
                    .get("/api/v1/status").then().statusCode(200)
                    .body("database.mode", org.hamcrest.Matchers.is("embedded"));
            assertThat(Files.getOwner(data.resolve("postgres/cluster/pgdata")).getName()).isEqualTo("nobody");
            assertThat(Files.getOwner(data.resolve("blobs")).getName()).isEqualTo("nobody");
            server.stop();
        } finally {
            io.ferry.support.TestDatabaseResource.deleteTree(dir);
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static UUID insertRunningTask(Path data) throws Exception {
        EmbeddedPostgres pg = new EmbeddedPostgres(new EmbeddedPostgres.Settings(data.resolve("postgres"), 0, null, "nobody"));
        pg.start();
        UUID id = UUID.randomUUID();
        try (Connection conn = pg.open();
             PreparedStatement ps = conn.prepareStatement("insert into task(id, type, state, created_by, created_at, "
                     + "started_at, updated_at) values (?, 'crash.simulated', 'running', 'admin', now(), now(), now())")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        } finally {
            pg.stop();
        }
        return id;
    }
}
