package io.ferry.it;

import static io.ferry.it.ContentFlowIT.as;
import static io.ferry.it.ContentFlowIT.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstream sync between server processes on loopback, each with its own database and data directory, over
 * real mutual TLS: B enrolls with A and follows A's content view; the first sync is complete, the second
 * (after A publishes one more file) is incremental and stores only that blob, the third finds nothing new.
 * C enrolls with B and syncs from B what B got from A (an import-only content view exported onward): C's
 * units equal A's. An upstream certificate from another CA is refused at the handshake; a downstream its
 * upstream revoked fails to sync naming the revocation, and nothing changes.
 */
class UpstreamSyncIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORG = "/api/v1/organizations/ACME";

    record Server(ServerProcess p, String password) {
        static Server start(Path data, String name) throws Exception {
            ServerProcess p = ServerProcess.start(data, Map.of("FERRY_SERVER_NAME", name));
            return new Server(p, Files.readString(data.resolve("admin-password")).strip());
        }

        String https() {
            return "https://localhost:" + p.sslPort;
        }

        JsonPath get(String path) {
            return as(p, password).get(path).then().statusCode(200).extract().jsonPath();
        }

        JsonPath post(String path, Object body, int status) throws Exception {
            return json(p, password, JSON.writeValueAsString(body)).post(path).then().statusCode(status).extract().jsonPath();
        }

        /** Starts a task and waits until it ends, whatever the outcome. */
        JsonPath task(String path) {
            String location = json(p, password, "{}").post(path).then().statusCode(202).extract().header("Location");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                JsonPath t = as(p, password).get(location).then().statusCode(200).extract().jsonPath();
                if (!List.of("waiting", "running").contains(t.getString("state"))) {
                    return t;
                }
                ServerProcess.sleep(100);
            }
            throw new AssertionError("task did not end: " + location);
        }

        void upload(String file, byte[] data) {
            as(p, password).contentType("application/octet-stream").body(data).queryParam("relativePath", file)
                    .post(ORG + "/products/images/repositories/isos/content/upload").then().statusCode(201);
        }

        List<String> units(String version) {
            return ContentFlowIT.units(p, password, ORG + "/content-views/web/versions/" + version + "/units");
        }
    }

    /** {@code down} makes a key and request; {@code up} approves it for ACME; {@code down} installs it, trusts up's CA and follows web. */
    static void enroll(Server down, Server up, String name) throws Exception {
        String csr = down.post("/api/v1/upstream/certificate-request", Map.of("name", name), 200).getString("csr");
        JsonPath approved = up.post("/api/v1/downstream-servers", Map.of("name", name, "csr", csr, "scope",
                List.of(Map.of("organization", "ACME"))), 201);
        json(down.p(), down.password(), JSON.writeValueAsString(Map.of("certificate", approved.getString("certificatePem"),
                "upstreamCa", approved.getString("caPem")))).put("/api/v1/upstream/certificate").then().statusCode(200);
        down.post("/api/v1/organizations", Map.of("name", "ACME", "label", "ACME"), 201);
        down.post(ORG + "/trusted-certificates", Map.of("pem", up.get("/api/v1/trust/ca").getString("pem")), 201);
        json(down.p(), down.password(), JSON.writeValueAsString(Map.of("url", up.https(), "upstreamOrganization", "ACME", "follow",
                "content-views", "contentViews", List.of("web")))).put(ORG + "/upstream").then().statusCode(200);
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aToBToCSyncsOnlyWhatIsMissingAndARevokedDownstreamIsRefused() throws Exception {
        Path root = ServerProcessIT.root().resolve("sync-" + System.nanoTime());
        Server a = Server.start(root.resolve("a"), "alpha");
        Server b = null;
        Server c = null;
        try {
            a.post("/api/v1/organizations", Map.of("name", "ACME", "label", "ACME"), 201);
            a.post(ORG + "/products", Map.of("name", "Images", "label", "images"), 201);
            a.post(ORG + "/products/images/repositories", Map.of("name", "isos", "label", "isos"), 201);
            a.upload("a.iso", bytes(3_000_000, 1));
            a.upload("b.txt", bytes(20_000, 2));
            a.post(ORG + "/content-views", Map.of("name", "web", "label", "web", "repositories", List.of("images/isos")), 201);
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");

            b = Server.start(root.resolve("b"), "bravo");
            enroll(b, a, "dc-b");
            JsonPath test = b.post(ORG + "/upstream/test", Map.of(), 200);
            assertThat(test.getBoolean("ok")).isTrue();
            assertThat(test.getString("upstreamServerName")).isEqualTo("alpha");
            assertThat(test.getList("followed", String.class)).containsExactly("content view 'web' version 1.0");

            JsonPath first = b.task(ORG + "/upstream/sync");
            assertThat(first.getString("state")).as(first.prettify()).isEqualTo("completed");
            assertThat(first.getString("result.scopes[0].type")).isEqualTo("complete");
            assertThat(first.getLong("result.scopes[0].blobsStored")).isEqualTo(2);
            assertThat(b.units("1.0")).isEqualTo(a.units("1.0")).hasSize(2);

            byte[] added = bytes(10_000, 3);
            a.upload("c.txt", added);
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            JsonPath second = b.task(ORG + "/upstream/sync");
            assertThat(second.getString("state")).as(second.prettify()).isEqualTo("completed");
            assertThat(second.getString("result.scopes[0].type")).isEqualTo("incremental");
            assertThat(second.getLong("result.scopes[0].blobsStored")).isEqualTo(1);
            assertThat(second.getLong("result.scopes[0].bytesStored")).isEqualTo(added.length);
            assertThat(second.getLong("result.bytesReceived")).isLessThan(200_000); // the new file, a manifest, a signature
            assertThat(b.units("2.0")).isEqualTo(a.units("2.0")).hasSize(3);
            JsonPath third = b.task(ORG + "/upstream/sync");
            assertThat(third.getString("result.scopes[0].outcome")).isEqualTo("up-to-date");
            assertThat(third.getLong("result.bytesReceived")).isZero();

            // C follows B, which re-exports what it imported from A (signed by B; C trusts B)
            c = Server.start(root.resolve("c"), "charlie");
            enroll(c, b, "dc-c");
            JsonPath fromB = c.task(ORG + "/upstream/sync");
            assertThat(fromB.getString("state")).as(fromB.prettify()).isEqualTo("completed");
            assertThat(c.units("2.0")).isEqualTo(a.units("2.0"));
            // C shows where its content came from: A, then B, then itself
            JsonPath onC = c.get(ORG + "/content-views/web/versions/2.0");
            assertThat(onC.getString("origin")).isEqualTo("alpha -> bravo -> charlie");
            assertThat(onC.getList("provenance.serverName", String.class)).containsExactly("alpha", "bravo");
            assertThat(b.get(ORG + "/content-views/web/versions/2.0").getString("origin")).isEqualTo("alpha -> bravo");
            assertThat(a.get(ORG + "/content-views/web/versions/2.0").getString("origin")).isNull();

            // an upstream whose certificate another CA issued: C's trust for B does not cover A's HTTPS certificate
            json(c.p(), c.password(), JSON.writeValueAsString(Map.of("url", a.https(), "upstreamOrganization", "ACME", "follow",
                    "library"))).put(ORG + "/upstream").then().statusCode(200);
            json(c.p(), c.password(), "{}").post(ORG + "/upstream/test").then().statusCode(502).body("code", is("FERRY-UPSTREAM-003"));

            // A revokes B: B's next sync fails naming it, and B's content is unchanged
            a.post("/api/v1/downstream-servers/dc-b/revoke", Map.of(), 200);
            a.upload("d.txt", bytes(5_000, 4));
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            JsonPath refused = b.task(ORG + "/upstream/sync");
            assertThat(refused.getString("state")).isEqualTo("failed");
            assertThat(refused.getString("error.code")).isEqualTo("FERRY-UPSTREAM-002");
            assertThat(refused.getString("error.detail")).contains("FERRY-DOWNSTREAM-008");
            as(b.p(), b.password()).get(ORG + "/content-views/web/versions/3.0").then().statusCode(404);
            assertThat(b.units("2.0")).hasSize(3);
        } finally {
            for (Server s : new Server[] {c, b, a}) {
                if (s != null) {
                    s.p().stop();
                }
            }
        }
    }
}
