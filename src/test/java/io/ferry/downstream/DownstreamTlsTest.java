package io.ferry.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.role.RoleEndpointMatrixTest;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real TLS on loopback, checked with the real curl and openssl binaries: an enrolled downstream server's client
 * certificate reaches content and exports in its scope and nothing else; after revocation the same call is
 * refused at once and the serial is in the CRL; unenrolled, self-signed, foreign-CA and expired certificates
 * are refused with their codes; health needs no certificate; HTTP/2 is negotiated over ALPN.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class DownstreamTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    Path dir;
    Curl curl;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(Path.of("target", "scratch", "tls-" + ContentFixtures.unique("t"))).toAbsolutePath();
        Files.writeString(dir.resolve("ca.pem"), Api.asAdmin().get("/pki/ca.pem").then().statusCode(200).extract().asString());
        curl = new Curl(dir, "https://localhost:" + https.getPort());
    }

    /** openssl makes the key and the request, as an operator's own tooling would. */
    String csr(String name, String keyAlg) throws Exception {
        Tools.ok(dir, "openssl", "req", "-new", "-newkey", keyAlg, "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj",
                "/CN=" + name);
        return Files.readString(dir.resolve(name + ".csr"));
    }

    JsonPath approve(String name, String csr, List<Map<String, Object>> scope) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "csr", csr, "scope", scope));
        JsonPath p = Api.asAdmin().contentType("application/json").body(body).post("/api/v1/downstream-servers").then()
                .statusCode(201).extract().jsonPath();
        Files.writeString(dir.resolve(name + ".pem"), p.getString("certificatePem"));
        return p;
    }

    static String cert(String name) {
        return "--cert " + name + ".pem --key " + name + ".key";
    }

    static String code(Curl.Reply r) throws Exception {
        return JSON.readTree(r.body()).path("code").asText();
    }

    @Test
    void enrolledDownstreamReachesItsScopeOnlyAndIsRefusedAtOnceAfterRevocation() throws Exception {
        ContentFixtures.Repo repo = ContentFixtures.repo();
        byte[] data = ContentFixtures.bytes(5000, 7);
        ContentFixtures.uploadOk(repo, "images/a.iso", data);
        String other = ContentFixtures.org();
        String name = ContentFixtures.unique("dc-east");
        approve(name, csr(name, "ec:" + ecParams()), List.of(Map.of("organization", repo.org())));

        Curl.Reply products = curl.get("/api/v1/organizations/" + repo.org() + "/products", cert(name));
        assertThat(products.status()).as(products.body()).isEqualTo(200);
        assertThat(products.body()).contains(repo.product());
        Curl.Reply content = curl.call("GET", "/content/" + repo.org() + "/Library/custom/" + repo.product() + "/" + repo.repo()
                + "/images/a.iso", cert(name), "-o", "a.iso");
        assertThat(content.status()).isEqualTo(200);
        assertThat(Files.readAllBytes(dir.resolve("a.iso"))).isEqualTo(data);
        Curl.Reply plan = curl.postJson("/api/v1/organizations/" + repo.org() + "/exports/plan", cert(name),
                "{\"scope\":{\"kind\":\"library\"}}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        Curl.Reply stream = curl.call("POST", "/api/v1/organizations/" + repo.org() + "/exports/stream", cert(name), "-H",
                "Content-Type: application/json", "--data", "{\"scope\":{\"kind\":\"library\"},\"format\":\"tgz\"}", "-o",
                "library.tar.gz");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(Tools.ok(dir, "tar", "tzf", "library.tar.gz")).contains("ferry/manifest.json");

        // outside the scope (an organization it cannot see answers as one that does not exist), and outside what a
        // downstream may do at all
        Curl.Reply otherOrg = curl.get("/api/v1/organizations/" + other + "/products", cert(name));
        assertThat(otherOrg.status()).isEqualTo(404);
        assertThat(code(otherOrg)).isEqualTo("FERRY-ORG-001");
        Curl.Reply orgs = curl.get("/api/v1/organizations", cert(name));
        assertThat(orgs.body()).contains("\"" + repo.org() + "\"").doesNotContain("\"" + other + "\"");
        Curl.Reply delete = curl.call("DELETE", "/api/v1/organizations/" + repo.org() + "/products/" + repo.product(), cert(name));
        assertThat(delete.status()).isEqualTo(403);
        Curl.Reply users = curl.get("/api/v1/users", cert(name));
        assertThat(users.status()).isEqualTo(403);
        assertThat(code(users)).isEqualTo("FERRY-AUTH-005");
        Curl.Reply imports = curl.postJson("/api/v1/organizations/" + repo.org() + "/imports", cert(name), "{\"path\":\"/tmp\"}");
        assertThat(imports.status()).isEqualTo(403);
        Api.asAdmin().get(repo.path()).then().statusCode(200); // the product survived the refused delete

        JsonPath revoked = Api.asAdmin().post("/api/v1/downstream-servers/" + name + "/revoke").then().statusCode(200).extract()
                .jsonPath();
        assertThat(revoked.getString("certificates[0].status")).isEqualTo("revoked");
        Curl.Reply after = curl.get("/api/v1/organizations/" + repo.org() + "/products", cert(name));
        assertThat(after.status()).isEqualTo(401);
        assertThat(code(after)).isEqualTo("FERRY-DOWNSTREAM-008");

        // the CRL at its fixed URL, fetched without credentials, lists the serial; openssl verify says revoked
        Curl.Reply crl = curl.call("GET", "/pki/crl.pem", "", "-o", "crl.pem");
        assertThat(crl.status()).isEqualTo(200);
        String serial = revoked.getString("certificates[0].serial").toUpperCase(java.util.Locale.ROOT);
        assertThat(Tools.ok(dir, "openssl", "crl", "-in", "crl.pem", "-noout", "-text").replace(":", "")).contains(serial);
        Tools.Result verify = Tools.run(dir, "openssl", "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem",
                name + ".pem");
        assertThat(verify.exit()).isNotZero();
        assertThat(verify.out()).contains("certificate revoked");
    }

    @Test
    void unenrolledSelfSignedForeignAndExpiredCertificatesAreRefused() throws Exception {
        String org = ContentFixtures.org();
        String path = "/api/v1/organizations/" + org + "/products";
        Curl.Reply none = curl.get(path, "");
        assertThat(none.status()).isEqualTo(401);
        assertThat(code(none)).isEqualTo("FERRY-AUTH-001");

        Tools.ok(dir, "openssl", "req", "-x509", "-newkey", "ec:" + ecParams(), "-nodes", "-keyout", "self.key", "-out", "self.pem",
                "-days", "2", "-subj", "/CN=self-signed");
        Curl.Reply self = curl.get(path, cert("self"));
        assertThat(self.status()).isEqualTo(401);
        assertThat(code(self)).isEqualTo("FERRY-DOWNSTREAM-006");

        // issued by another CA (made with openssl), even with the same subject as an enrolled downstream
        Tools.ok(dir, "openssl", "req", "-x509", "-newkey", "ec:" + ecParams(), "-nodes", "-keyout", "other-ca.key", "-out",
                "other-ca.pem", "-days", "2", "-subj", "/CN=Ferry CA other");
        csr("foreign", "ec:" + ecParams());
        Tools.ok(dir, "openssl", "x509", "-req", "-in", "foreign.csr", "-CA", "other-ca.pem", "-CAkey", "other-ca.key",
                "-CAcreateserial", "-days", "2", "-out", "foreign.pem");
        Curl.Reply foreign = curl.get(path, cert("foreign"));
        assertThat(foreign.status()).isEqualTo(401);
        assertThat(code(foreign)).isEqualTo("FERRY-DOWNSTREAM-006");

        // an external CA's certificate mapped to a downstream works until it expires
        String name = ContentFixtures.unique("ext");
        Files.writeString(dir.resolve("ext.ext"), "extendedKeyUsage=clientAuth\n");
        csr("ext", "ec:" + ecParams());
        String start = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now().minusSeconds(60));
        String end = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now().plusSeconds(6));
        ExpiringCertificate.issue(dir, "ext", "other-ca", start, end);
        String body = JSON.writeValueAsString(Map.of("name", name, "certificate", Files.readString(dir.resolve("ext.pem")),
                "issuerCa", Files.readString(dir.resolve("other-ca.pem")), "scope", List.of(Map.of("organization", org))));
        Api.asAdmin().contentType("application/json").body(body).post("/api/v1/downstream-servers").then().statusCode(201);
        Curl.Reply mapped = curl.get(path, cert("ext"));
        assertThat(mapped.status()).as(mapped.body()).isEqualTo(200);
        Thread.sleep(7000);
        Curl.Reply expired = curl.get(path, cert("ext"));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(code(expired)).isEqualTo("FERRY-DOWNSTREAM-007");

        Curl.Reply health = curl.call("GET", "/q/health", "", "--http2");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.httpVersion()).isEqualTo("2");
    }

    @Test
    void narrowedScopeReachesOnlyItsContentView() throws Exception {
        ContentFixtures.Repo repo = ContentFixtures.repo();
        ContentFixtures.uploadOk(repo, "b.iso", ContentFixtures.bytes(300, 3));
        String cv = ContentFixtures.createView(repo, false);
        ContentFixtures.publish(repo.org(), cv);
        String otherCv = ContentFixtures.createView(repo, false);
        String name = ContentFixtures.unique("dc-cv");
        approve(name, csr(name, "rsa:2048"), List.of(Map.of("organization", repo.org(), "contentViews", List.of(cv))));
        String org = "/api/v1/organizations/" + repo.org();
        assertThat(curl.get(org + "/content-views/" + cv, cert(name)).status()).isEqualTo(200);
        // what its role assignment does not allow is not there for it (404), the Library included
        assertThat(code(curl.get(org + "/content-views/" + otherCv, cert(name)))).isEqualTo("FERRY-CV-001");
        Curl.Reply products = curl.get(org + "/products", cert(name));
        assertThat(products.status()).isEqualTo(200);
        assertThat(products.body()).doesNotContain(repo.product());
        assertThat(code(curl.get(org + "/products/" + repo.product(), cert(name)))).isEqualTo("FERRY-PRODUCT-001");
        assertThat(curl.get("/content/" + repo.org() + "/Library/custom/" + repo.product() + "/" + repo.repo() + "/b.iso",
                cert(name)).status()).isEqualTo(404);
        Curl.Reply cvPlan = curl.postJson(org + "/exports/plan", cert(name), "{\"scope\":{\"kind\":\"content_view_version\","
                + "\"contentView\":\"" + cv + "\",\"version\":\"1.0\"}}");
        assertThat(cvPlan.status()).as(cvPlan.body()).isEqualTo(200);
        Curl.Reply libPlan = curl.postJson(org + "/exports/plan", cert(name), "{\"scope\":{\"kind\":\"library\"}}");
        assertThat(libPlan.status()).isEqualTo(403);
        assertThat(code(libPlan)).isEqualTo("FERRY-AUTH-005");
        assertThat(JSON.readTree(libPlan.body()).path("detail").asText()).contains("Downstream server '" + name + "'")
                .contains("'export_content'").contains("Library").contains("ferry downstream-server info --name " + name);
        Curl.Reply export = curl.postJson(org + "/exports", cert(name), "{\"scope\":{\"kind\":\"content_view_version\","
                + "\"contentView\":\"" + cv + "\",\"version\":\"1.0\"}}");
        assertThat(export.status()).as(export.body()).isEqualTo(202);
        String task = JSON.readTree(export.body()).path("id").asText();
        assertThat(curl.get("/api/v1/tasks/" + task, cert(name)).status()).isEqualTo(200);
        Curl.Reply tasks = curl.get("/api/v1/tasks", cert(name));
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(JSON.readTree(tasks.body()).path("items").findValuesAsText("createdBy")).containsOnly("downstream:" + name);
        Curl.Reply pathChoice = curl.postJson(org + "/exports", cert(name), "{\"scope\":{\"kind\":\"content_view_version\","
                + "\"contentView\":\"" + cv + "\",\"version\":\"1.0\"},\"path\":\"/tmp/x\"}");
        assertThat(pathChoice.status()).isEqualTo(403);
    }

    @Test
    void environmentScopeExportsOnlyWhatTheEnvironmentHolds() throws Exception {
        ContentFixtures.Repo repo = ContentFixtures.repo();
        ContentFixtures.uploadOk(repo, "c.iso", ContentFixtures.bytes(300, 5));
        String cv = ContentFixtures.createView(repo, false);
        ContentFixtures.publish(repo.org(), cv);
        String env = ContentFixtures.unique("prod");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + env + "\",\"prior\":\"Library\"}")
                .post("/api/v1/organizations/" + repo.org() + "/lifecycle-environments").then().statusCode(201);
        Tasks.await(Api.asAdmin().contentType("application/json").body("{\"environments\":[\"" + env + "\"]}")
                .post("/api/v1/organizations/" + repo.org() + "/content-views/" + cv + "/versions/1.0/promote").then()
                .statusCode(202).extract().header("Location"), t -> "completed".equals(t.getString("state")));
        String name = ContentFixtures.unique("dc-env");
        JsonPath approved = approve(name, csr(name, "ec:" + ecParams()), List.of(Map.of("organization", repo.org(),
                "lifecycleEnvironments", List.of(env))));
        // the scope is a role assignment, shown as such
        assertThat(approved.getString("downstream.scope[0].role")).isEqualTo("Downstream Server");
        assertThat(approved.getList("downstream.scope[0].lifecycleEnvironments")).containsExactly(env);
        String plan = "/api/v1/organizations/" + repo.org() + "/exports/plan";
        Curl.Reply inEnv = curl.postJson(plan, cert(name), "{\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\""
                + cv + "\",\"environment\":\"" + env + "\"}}");
        assertThat(inEnv.status()).as(inEnv.body()).isEqualTo(200);
        Curl.Reply outside = curl.postJson(plan, cert(name), "{\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\""
                + cv + "\",\"version\":\"1.0\"}}");
        assertThat(outside.status()).as(outside.body()).isEqualTo(403);
        assertThat(code(outside)).isEqualTo("FERRY-AUTH-005");
        assertThat(JSON.readTree(outside.body()).path("detail").asText()).contains("outside a lifecycle environment");
        int exports = Api.asAdmin().get("/api/v1/organizations/" + repo.org() + "/exports").then().statusCode(200).extract()
                .jsonPath().getInt("total");
        Curl.Reply refused = curl.postJson("/api/v1/organizations/" + repo.org() + "/exports", cert(name), "{\"scope\":{\"kind\":"
                + "\"content_view_version\",\"contentView\":\"" + cv + "\",\"version\":\"1.0\"}}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + repo.org() + "/exports").then().extract().jsonPath().getInt("total"))
                .isEqualTo(exports);
    }

    /**
     * A downstream is a principal holding the built-in role 'Downstream Server': on every API endpoint (from the same
     * scan as the users' matrix) it gets past the gate exactly where that role holds the permission, and is refused 403
     * everywhere else, with its certificate over real TLS.
     */
    @Test
    void aDownstreamIsRefusedExactlyWhatItsRoleLacksOnEveryEndpoint() throws Exception {
        String name = ContentFixtures.unique("dc-matrix");
        approve(name, csr(name, "ec:" + ecParams()), List.of(Map.of("organization", ContentFixtures.org())));
        List<String> wrong = new java.util.ArrayList<>();
        int called = 0;
        for (RoleEndpointMatrixTest.Endpoint e : RoleEndpointMatrixTest.endpoints()) {
            // its assignments are in named organizations: exporting server-wide (a push to another downstream) is refused
            boolean holds = RoleEndpointMatrixTest.DOWNSTREAM.contains(e.permission())
                    && (e.path().contains("{org}") || e.permission() != io.ferry.security.Permission.EXPORT_CONTENT);
            if (holds && e.mutating() && !e.body() && !e.path().contains("{")) {
                continue; // would really happen; nothing of this kind is held by the role
            }
            called++;
            Curl.Reply r = e.mutating()
                    ? curl.call(e.verb(), RoleEndpointMatrixTest.concrete(e.path()), cert(name), "-H", "Content-Type: " + e.consumes(),
                    "--data", e.consumes().contains("json") ? "{not json" : "not an archive")
                    : curl.call(e.verb(), RoleEndpointMatrixTest.concrete(e.path()), cert(name), e.verb().equals("HEAD") ? "-I" : "-s");
            if (holds ? r.status() == 401 || r.status() == 403 || r.status() == 0 : r.status() != 403) {
                wrong.add(e.verb() + " " + e.path() + " (" + e.permission().id() + "): " + r.status());
            }
        }
        assertThat(called).isGreaterThan(100);
        assertThat(wrong).isEmpty();
    }

    @Test
    void badCertificateRequestsAreRefusedAndChangeNothing() throws Exception {
        String org = ContentFixtures.org();
        List<Map<String, Object>> scope = List.of(Map.of("organization", org));
        int before = Api.asAdmin().get("/api/v1/downstream-servers").then().statusCode(200).extract().jsonPath().getList("$").size();
        assertRefused(ContentFixtures.unique("weak"), csr("weak", "rsa:1024"), scope, 422, "FERRY-DOWNSTREAM-003");
        // one byte of the signature changed
        String good = csr("tampered", "ec:" + ecParams());
        byte[] der = java.util.Base64.getMimeDecoder().decode(good.replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 5] ^= 0x01;
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        assertRefused(ContentFixtures.unique("tampered"), tampered, scope, 422, "FERRY-DOWNSTREAM-002");
        assertRefused(ContentFixtures.unique("garbage"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST"
                + "-----\n", scope, 422, "FERRY-DOWNSTREAM-001");
        assertRefused(ContentFixtures.unique("huge"), "x".repeat(100_000), scope, 422, "FERRY-DOWNSTREAM-001");
        assertRefused("bad name!", good, scope, 422, "FERRY-COMMON-001");
        assertRefused(ContentFixtures.unique("noscope"), good, List.of(), 422, "FERRY-COMMON-001");
        assertThat(Api.asAdmin().get("/api/v1/downstream-servers").then().extract().jsonPath().getList("$")).hasSize(before);

        String name = ContentFixtures.unique("dup");
        approve(name, good, scope);
        assertRefused(name, csr("dup2", "ec:" + ecParams()), scope, 409, "FERRY-DOWNSTREAM-004");
        JsonPath listed = Api.asAdmin().get("/api/v1/downstream-servers/" + name).then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("certificates")).hasSize(1);
    }

    private void assertRefused(String name, String csr, List<Map<String, Object>> scope, int status, String code) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "csr", csr, "scope", scope));
        Api.asAdmin().contentType("application/json").body(body).post("/api/v1/downstream-servers").then().statusCode(status)
                .body("code", is(code));
        if (status != 409) {
            Api.asAdmin().get("/api/v1/downstream-servers/" + name.replace(" ", "%20").replace("!", "%21")).then().statusCode(404);
        }
    }

    @Test
    void upstreamIdentityKeepsItsKeyAndInstallsTheApprovedCertificate() throws Exception {
        String name = ContentFixtures.unique("up");
        String org = ContentFixtures.org();
        JsonPath req = Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/upstream/certificate-request").then().statusCode(200).extract().jsonPath();
        assertThat(req.getString("csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(req.prettify()).doesNotContain("PRIVATE KEY");
        Path key = TestDatabaseResource.dataDir().resolve("trust/upstream/pending.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        Files.writeString(dir.resolve("up.csr"), req.getString("csr"));
        assertThat(Tools.ok(dir, "openssl", "req", "-in", "up.csr", "-noout", "-verify")).containsIgnoringCase("verify OK");

        JsonPath approved = approve(name, req.getString("csr"), List.of(Map.of("organization", org)));
        String install = JSON.writeValueAsString(Map.of("certificate", approved.getString("certificatePem"), "upstreamCa",
                approved.getString("caPem")));
        JsonPath installed = Api.asAdmin().contentType("application/json").body(install).put("/api/v1/upstream/certificate").then()
                .statusCode(200).extract().jsonPath();
        assertThat(installed.getString("subject")).contains("CN=" + name);
        assertThat(installed.getBoolean("requestPending")).isFalse();
        Path clientKey = TestDatabaseResource.dataDir().resolve("trust/upstream/client.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clientKey))).isEqualTo("rw-------");

        // a certificate for a key this server did not make is refused, and the installed one stays
        csr("stranger", "ec:" + ecParams());
        JsonPath strangerCert = approve(ContentFixtures.unique("stranger"), Files.readString(dir.resolve("stranger.csr")),
                List.of(Map.of("organization", org)));
        Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("certificate",
                strangerCert.getString("certificatePem")))).put("/api/v1/upstream/certificate").then().statusCode(409)
                .body("code", is("FERRY-DOWNSTREAM-010"));
        assertThat(Api.asAdmin().get("/api/v1/upstream/certificate").then().statusCode(200).extract().jsonPath()
                .getString("subject")).contains("CN=" + name);
    }

    @Test
    void serverCertificateNamesThisHostAndARenewalIsPresentedAtOnce() throws Exception {
        JsonPath info = Api.asAdmin().get("/api/v1/server-certificate").then().statusCode(200).extract().jsonPath();
        assertThat(info.getList("names", String.class)).contains("localhost", "127.0.0.1").containsAnyOf("::1", "0:0:0:0:0:0:0:1");
        assertThat(info.getString("issuer")).contains("Ferry CA");
        assertThat(info.getString("pem")).doesNotContain("PRIVATE");
        JsonPath renewed = Api.asAdmin().post("/api/v1/server-certificate/renew").then().statusCode(200).extract().jsonPath();
        assertThat(renewed.getString("fingerprint")).isNotEqualTo(info.getString("fingerprint"));
        Files.writeString(dir.resolve("renewed.pem"), renewed.getString("pem"));
        String expected = Tools.ok(dir, "openssl", "x509", "-in", "renewed.pem", "-noout", "-serial").strip();
        String presented = Tools.ok(dir, "bash", "-c", "openssl s_client -connect 127.0.0.1:" + https.getPort() + " </dev/null "
                + "2>/dev/null | openssl x509 -noout -serial").strip();
        assertThat(presented).isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(TestDatabaseResource.dataDir()
                .resolve("trust/tls.key")))).isEqualTo("rw-------");
        assertThat(curl.get("/q/health", "").status()).isEqualTo(200);
    }

    /** openssl's EC key option: a file with the P-256 curve parameters. */
    private String ecParams() throws Exception {
        Path p = dir.resolve("p256.pem");
        if (!Files.exists(p)) {
            Tools.ok(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.pem");
        }
        return p.toString();
    }
}
