package io.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.downstream.Curl;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Push over real mutual TLS on loopback, this server enrolled with itself (organization {@code down} follows
 * {@code up} and accepts pushes): the first push is complete, a second of the same version sends nothing, the next
 * version carries only its new blob; all imported with the media reader. The pusher's certificate, checked with
 * curl, may do nothing but push and read the receipt of organizations that accept pushes; a certificate of another
 * CA, an organization that does not accept pushes, and corrupt or truncated bundles are refused, changing nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class PushTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORGS = "/api/v1/organizations/";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    static JsonPath send(String method, String path, Object body, int status) throws Exception {
        return Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(body)).request(method, path).then()
                .statusCode(status).extract().jsonPath();
    }

    static List<String> units(String org, String cv, String version) {
        return Api.asAdmin().get(ORGS + org + "/content-views/" + cv + "/versions/" + version + "/units").then().statusCode(200)
                .extract().jsonPath().getList("items.collect { it.relativePath + ' ' + it.sha256 }");
    }

    JsonPath push(String name, String to, String cv) throws Exception {
        String location = Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("url", url(), "caPem",
                ca(), "organization", upOrg, "downstreamOrganization", to, "contentView", cv))).post("/api/v1/downstream-servers/"
                + name + "/push").then().statusCode(202).extract().header("Location");
        return Tasks.awaitEnd(location);
    }

    String upOrg;

    String url() {
        return "https://localhost:" + https.getPort();
    }

    static String ca() {
        return Api.asAdmin().get("/api/v1/trust/ca").then().statusCode(200).extract().jsonPath().getString("pem");
    }

    @Test
    void pushSendsOnlyWhatIsMissingAndThePusherMayDoNothingElse() throws Exception {
        ContentFixtures.Repo up = ContentFixtures.repo();
        upOrg = up.org();
        ContentFixtures.uploadOk(up, "a.iso", ContentFixtures.bytes(60_000, 41));
        ContentFixtures.uploadOk(up, "b.txt", ContentFixtures.bytes(40_000, 42));
        String cv = ContentFixtures.createView(up, false);
        ContentFixtures.publish(up.org(), cv);
        String name = ContentFixtures.unique("push");
        io.ferry.support.SelfEnrollment.enroll(name, up.org());
        String down = ContentFixtures.org();
        String closed = ContentFixtures.org();
        Map<String, Object> follow = Map.of("url", url(), "upstreamOrganization", up.org(), "follow", "content-views",
                "contentViews", List.of(cv));
        Map<String, Object> accepting = new java.util.HashMap<>(follow);
        accepting.put("acceptPush", true);
        send("PUT", ORGS + down + "/upstream", accepting, 200);
        send("PUT", ORGS + closed + "/upstream", follow, 200);
        assertThat(Api.asAdmin().get(ORGS + down + "/upstream").then().statusCode(200).extract().jsonPath().getBoolean("acceptPush"))
                .isTrue();

        JsonPath first = push(name, down, cv);
        assertThat(first.getString("state")).as(first.prettify()).isEqualTo("completed");
        assertThat(first.getString("result.type")).isEqualTo("complete");
        assertThat(units(down, cv, "1.0")).isEqualTo(units(up.org(), cv, "1.0")).hasSize(2);
        assertThat(first.getLong("result.bytesSent")).isGreaterThan(100_000);
        JsonPath again = push(name, down, cv);
        assertThat(again.getString("result.outcome")).as(again.prettify()).isEqualTo("up-to-date");

        ContentFixtures.uploadOk(up, "c.txt", ContentFixtures.bytes(10_000, 43));
        ContentFixtures.publish(up.org(), cv);
        JsonPath second = push(name, down, cv);
        assertThat(second.getString("state")).as(second.prettify()).isEqualTo("completed");
        assertThat(second.getString("result.type")).isEqualTo("incremental");
        assertThat(second.getLong("result.bytesSent")).as("only c.txt, a manifest and a signature").isLessThan(60_000);
        assertThat(units(down, cv, "2.0")).isEqualTo(units(up.org(), cv, "2.0")).hasSize(3);

        // an organization that does not accept pushes: the downstream refuses, nothing changes there
        JsonPath refused = push(name, closed, cv);
        assertThat(refused.getString("state")).isEqualTo("failed");
        assertThat(refused.getString("error.code")).isEqualTo("FERRY-PUSH-001");
        assertThat(refused.getString("error.detail")).contains("FERRY-DOWNSTREAM-009").contains("--accept-push");
        assertThat(Api.asAdmin().get(ORGS + closed + "/content-views").then().statusCode(200).extract().jsonPath().getLong("total"))
                .isZero();
        send("POST", "/api/v1/downstream-servers/no-such-server/push", Map.of("url", url(), "caPem", ca(), "organization",
                up.org()), 404);
        send("POST", "/api/v1/downstream-servers/" + name + "/push", Map.of("url", "http://localhost:1", "caPem", ca(),
                "organization", up.org()), 422);

        // the pusher's own certificate, with curl: only the push endpoint and the receipt of organizations accepting pushes
        Path dir = Files.createTempDirectory(TestDatabaseResource.testRoot(), "push-");
        Files.writeString(dir.resolve("ca.pem"), ca());
        Path trust = TestDatabaseResource.dataDir().resolve("trust/push");
        String pusher = "--cert " + trust.resolve("client.pem") + " --key " + trust.resolve("client.key");
        Curl curl = new Curl(dir, url());
        assertThat(curl.call("GET", ORGS + down + "/imports/receipt", pusher, "-o", "down.receipt").status()).isEqualTo(200);
        assertThat(Files.size(dir.resolve("down.receipt"))).isGreaterThan(100);
        for (Curl.Reply r : List.of(curl.get(ORGS + down + "/content-views", pusher), curl.call("DELETE", ORGS + down, pusher),
                curl.get("/api/v1/tasks", pusher), curl.postJson(ORGS + down + "/imports", pusher, "{\"path\":\"/tmp\"}"),
                curl.call("POST", ORGS + closed + "/imports/push", pusher, "-H", "Content-Type: application/gzip", "--data",
                        "x"))) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            // lacking the permission (FERRY-AUTH-005) or outside what a pusher may reach (FERRY-DOWNSTREAM-009)
            assertThat(JSON.readTree(r.body()).path("code").asText()).isIn("FERRY-AUTH-005", "FERRY-DOWNSTREAM-009");
        }
        Curl.Reply closedPush = curl.call("POST", ORGS + closed + "/imports/push", pusher, "-H", "Content-Type: application/gzip",
                "--data", "x");
        assertThat(JSON.readTree(closedPush.body()).path("code").asText()).isEqualTo("FERRY-DOWNSTREAM-009");
        assertThat(JSON.readTree(closedPush.body()).path("detail").asText()).contains("--accept-push");
        // a client certificate of another CA is nobody here
        Tools.ok(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                "/CN=forged", "-days", "2", "-addext", "extendedKeyUsage=clientAuth", "-keyout", "forged.key", "-out", "forged.pem");
        Curl.Reply forged = curl.call("POST", ORGS + down + "/imports/push", "--cert forged.pem --key forged.key", "-H",
                "Content-Type: application/gzip", "--data", "x");
        assertThat(forged.status()).as(forged.body()).isEqualTo(401);
        // certificates the upstream's CA issued, but not the upstream's own push certificate: another downstream's (which may
        // sync from the upstream, never push to its siblings), and a push certificate naming another server
        Path caKey = TestDatabaseResource.dataDir().resolve("trust/ca.key");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        String serverId = Api.asAdmin().get("/api/v1/status").then().statusCode(200).extract().jsonPath().getString("serverId");
        for (String subject : List.of("/O=Ferry/OU=Ferry downstream/CN=sibling", "/O=Ferry push/OU=" + java.util.UUID.randomUUID()
                + "/CN=elsewhere", "/O=Ferry/OU=" + serverId + "/CN=not-a-pusher")) {
            Tools.ok(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", subject,
                    "-keyout", "other.key", "-out", "other.csr");
            Tools.ok(dir, "openssl", "x509", "-req", "-in", "other.csr", "-CA", "ca.pem", "-CAkey", caKey.toString(), "-days", "2",
                    "-extfile", "client.ext", "-out", "other.pem");
            Curl.Reply other = curl.call("POST", ORGS + down + "/imports/push", "--cert other.pem --key other.key", "-H",
                    "Content-Type: application/gzip", "--data", "x");
            assertThat(other.status()).as(subject + ": " + other.body()).isEqualTo(401);
            assertThat(JSON.readTree(other.body()).path("code").asText()).isEqualTo("FERRY-DOWNSTREAM-006");
            assertThat(JSON.readTree(other.body()).path("detail").asText()).contains("push certificate");
        }
        // corrupt and truncated bundles: received, their import fails, nothing changes
        byte[] bundle = Api.asAdmin().contentType("application/json").body("{\"scope\":{\"kind\":\"content_view_version\","
                + "\"contentView\":\"" + cv + "\",\"version\":\"2.0\"},\"format\":\"tgz\"}").post(ORGS + up.org() + "/exports/stream")
                .then().statusCode(200).extract().asByteArray();
        Files.write(dir.resolve("half.tar.gz"), java.util.Arrays.copyOf(bundle, bundle.length / 2));
        Files.write(dir.resolve("garbage.tar.gz"), ContentFixtures.bytes(5_000, 44));
        long versions = Api.asAdmin().get(ORGS + down + "/content-views/" + cv + "/versions").then().statusCode(200).extract()
                .jsonPath().getLong("total");
        for (String f : List.of("half.tar.gz", "garbage.tar.gz")) {
            Curl.Reply r = curl.call("POST", ORGS + down + "/imports/push", pusher, "-H", "Content-Type: application/gzip",
                    "--data-binary", "@" + f);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            JsonPath t = Tasks.awaitEnd("/api/v1/tasks/" + JSON.readTree(r.body()).path("id").asText());
            assertThat(t.getString("state")).as(t.prettify()).isEqualTo("failed");
            assertThat(t.getString("error.code")).startsWith("FERRY-IMPORT-");
        }
        assertThat(Api.asAdmin().get(ORGS + down + "/content-views/" + cv + "/versions").then().statusCode(200).extract().jsonPath()
                .getLong("total")).isEqualTo(versions);

        // a genuine, signed bundle of an organization 'down' does not follow, pushed with the upstream's certificate
        ContentFixtures.Repo other = ContentFixtures.repo();
        ContentFixtures.uploadOk(other, "x.iso", ContentFixtures.bytes(20_000, 45));
        String otherCv = ContentFixtures.createView(other, false);
        ContentFixtures.publish(other.org(), otherCv);
        Files.write(dir.resolve("other.tar.gz"), Api.asAdmin().contentType("application/json").body("{\"scope\":{\"kind\":"
                + "\"content_view_version\",\"contentView\":\"" + otherCv + "\",\"version\":\"1.0\"},\"format\":\"tgz\"}")
                .post(ORGS + other.org() + "/exports/stream").then().statusCode(200).extract().asByteArray());
        Curl.Reply wrong = curl.call("POST", ORGS + down + "/imports/push", pusher, "-H", "Content-Type: application/gzip",
                "--data-binary", "@other.tar.gz");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(202);
        JsonPath t = Tasks.awaitEnd("/api/v1/tasks/" + JSON.readTree(wrong.body()).path("id").asText());
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("failed");
        assertThat(t.getString("error.code")).isEqualTo("FERRY-UPSTREAM-006");
        assertThat(t.getString("error.detail")).contains("'" + other.org() + "'").contains("'" + up.org() + "'");
        assertThat(Api.asAdmin().get(ORGS + down + "/content-views").then().statusCode(200).extract().jsonPath().getLong("total"))
                .isEqualTo(1);
    }
}
