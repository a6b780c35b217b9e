package io.ferry.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.ferry.support.Api;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class AuthApiTest {
    @Inject
    AgroalDataSource db;

    @Test
    void generatedAdminPasswordFileIsOwnerOnly() throws Exception {
        var perms = Files.getPosixFilePermissions(TestDatabaseResource.dataDir().resolve("admin-password"));
        assertThat(PosixFilePermissions.toString(perms)).isEqualTo("rw-------");
        assertThat(Api.adminPassword()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void noCredentialsIs401Problem() {
        given().get("/api/v1/status").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("code", is("FERRY-AUTH-001")).body("status", is(401)).body("detail", containsString("Bearer"));
    }

    @Test
    void wrongPasswordAndUnknownUserAre401() {
        given().auth().preemptive().basic("admin", "not-the-password").get("/api/v1/status").then().statusCode(401)
                .contentType("application/problem+json").body("code", is("FERRY-AUTH-002"));
        given().auth().preemptive().basic("nobody-here", "whatever-password").get("/api/v1/status").then().statusCode(401)
                .body("code", is("FERRY-AUTH-002"));
    }

    @Test
    void malformedAndUnsupportedAuthorizationAre401() {
        given().header("Authorization", "Basic !!!notbase64").get("/api/v1/status").then().statusCode(401)
                .body("code", is("FERRY-AUTH-002"));
        given().header("Authorization", "Digest abc").get("/api/v1/status").then().statusCode(401)
                .body("code", is("FERRY-AUTH-001"));
        given().header("Authorization", "Bearer ferry_madeup").get("/api/v1/status").then().statusCode(401)
                .body("code", is("FERRY-AUTH-002"));
    }

    @Test
    void basicAuthGivesStatus() {
        Api.asAdmin().get("/api/v1/status").then().statusCode(200)
                .body("serverId", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .body("database.reachable", is(true)).body("database.product", is("PostgreSQL"))
                .body("storage.freeBytes", notNullValue());
    }

    @Test
    void passwordsAreStoredAsArgon2id() throws Exception {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select password_hash from ferry_user where username = 'admin'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("$argon2id$v=19$").doesNotContain(Api.adminPassword());
        }
    }

    @Test
    void tokenWorksUntilRevokedAndIsStoredHashed() throws Exception {
        String token = createToken("cli-" + System.nanoTime());
        Api.withToken(token).get("/api/v1/status").then().statusCode(200);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from api_token where token_hash = ? or token_hash = ?")) {
            ps.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
            ps.setString(2, token);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("exactly the SHA-256 row, never the secret").isEqualTo(1);
            }
        }
        long id = Api.asAdmin().get("/api/v1/tokens").then().statusCode(200)
                .body("find { it.prefix == '" + token.substring(0, 12) + "' }.token", nullValue())
                .extract().jsonPath().getLong("find { it.prefix == '" + token.substring(0, 12) + "' }.id");
        Api.asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        Api.withToken(token).get("/api/v1/status").then().statusCode(401).contentType("application/problem+json")
                .body("code", is("FERRY-AUTH-004"));
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String token = createToken("short-" + System.nanoTime());
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update api_token set expires_at = now() - interval '1 minute' "
                     + "where token_hash = ?")) {
            ps.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Api.withToken(token).get("/api/v1/status").then().statusCode(401).body("code", is("FERRY-AUTH-003"))
                .body("detail", containsString("expired"));
    }

    @Test
    void tokenExpiryMustBeInTheFuture() {
        Api.asAdmin().contentType("application/json").body("{\"name\":\"past\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}")
                .post("/api/v1/tokens").then().statusCode(422).body("code", is("FERRY-COMMON-001")).body("field", is("expiresAt"));
    }

    @Test
    void userWithoutPermissionGets403() {
        String name = "operator" + (System.nanoTime() % 100000);
        Api.asAdmin().contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"a-long-enough-password\",\"admin\":false}")
                .post("/api/v1/users").then().statusCode(201).body("admin", is(false));
        given().auth().preemptive().basic(name, "a-long-enough-password").get("/api/v1/status").then().statusCode(200);
        given().auth().preemptive().basic(name, "a-long-enough-password").get("/api/v1/users").then().statusCode(403)
                .contentType("application/problem+json").body("code", is("FERRY-AUTH-005"))
                .body("detail", containsString("manage_users"));
    }

    @Test
    void endpointWithoutDeclaredPermissionIsRefusedEvenForAdmin() {
        Api.asAdmin().get("/api/v1/test-support/undeclared").then().statusCode(403).body("code", is("FERRY-AUTH-005"));
    }

    private static String createToken(String name) {
        return Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\"}").post("/api/v1/tokens")
                .then().statusCode(201).body("token", matchesPattern("ferry_[A-Za-z0-9_-]{43}"))
                .extract().path("token");
    }
}
