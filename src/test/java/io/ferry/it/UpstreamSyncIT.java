package io.ferry.it;

import static io.ferry.it.ContentFlowIT.as;
import static io.ferry.it.ContentFlowIT.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Tools;
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
 * units equal A's. B killed with SIGKILL mid-transfer completes on a rerun that receives less than everything
 * (what it verified before the kill is kept and listed in its receipt); so does a sync during which A is killed. Across an air gap, B's signed receipt
 * (checked with openssl) makes A's export carry exactly the two blobs B lacks, though a disc in between never
 * reached B; a receipt that claims a blob B lacks makes B's import fail cleanly. An upstream certificate from
 * another CA is refused at the handshake; a downstream its upstream revoked fails to sync naming the
 * revocation, and nothing changes.
 */
class UpstreamSyncIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORG = "/api/v1/organizations/ACME";

    record Server(ServerProcess p, String password) {
        static Server start(Path data, String name) throws Exception {
            ServerProcess p = ServerProcess.start(data, Map.of("FERRY_SERVER_NAME", name, "FERRY_IMPORT_ALLOWED_ROOTS",
                    data.getParent().toString()));
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
        JsonPath task(String path) throws Exception {
            return task(path, Map.of());
        }

        /** Waits until the task at {@code location} ends. */
        JsonPath await(String location) {
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

        JsonPath task(String path, Object body) throws Exception {
            return await(json(p, password, JSON.writeValueAsString(body)).post(path).then().statusCode(202).extract()
                    .header("Location"));
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

    static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
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

            // B killed (SIGKILL) while it receives: the rerun completes and does not receive again what B verified before
            long big = 0;
            for (int i = 0; i < 8; i++) {
                a.upload("big-" + i + ".bin", bytes(12_000_000, 100 + i));
                big += 12_000_000;
            }
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            String location = json(b.p(), b.password(), "{}").post(ORG + "/upstream/sync").then().statusCode(202).extract()
                    .header("Location");
            // B imports the bundle while it arrives: kill it once 30 MiB of it are verified (the task's byte progress)
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            String step = "";
            while (System.nanoTime() < deadline) {
                JsonPath t = as(b.p(), b.password()).get(location).then().statusCode(200).extract().jsonPath();
                assertThat(t.getString("state")).as(t.prettify()).isIn("waiting", "running");
                step = t.getString("step") + ", " + t.getLong("progress.bytesDone") + " bytes verified";
                if (t.getLong("progress.bytesDone") >= 30L << 20) {
                    break;
                }
                ServerProcess.sleep(50);
            }
            b.p().kill();
            System.out.println("B killed during: " + step);
            b = Server.start(root.resolve("b"), "bravo");
            JsonPath resumed = b.task(ORG + "/upstream/sync");
            assertThat(resumed.getString("state")).as(resumed.prettify()).isEqualTo("completed");
            System.out.printf("after the kill: %d of %d bytes received again%n", resumed.getLong("result.bytesReceived"), big);
            assertThat(resumed.getLong("result.bytesReceived")).as("blobs verified before the kill are not sent again")
                    .isLessThan(big - 12_000_000);
            assertThat(b.units("3.0")).isEqualTo(a.units("3.0")).hasSize(11);

            // across an air gap: B's signed receipt, carried to A, makes A's export hold exactly the blobs B lacks, though
            // one of A's discs in between never reached B
            Map<String, Object> v3 = Map.of("kind", "content_view_version", "contentView", "web", "version", "3.0");
            assertThat(a.task(ORG + "/exports", Map.of("scope", v3, "format", "tgz", "destination", "media"))
                    .getString("state")).isEqualTo("completed");
            byte[] e1 = bytes(30_000, 5);
            a.upload("e1.txt", e1);
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            Map<String, Object> v4 = Map.of("kind", "content_view_version", "contentView", "web", "version", "4.0");
            assertThat(a.task(ORG + "/exports", Map.of("scope", v4, "type", "incremental", "format", "tgz", "destination", "media"))
                    .getString("state")).isEqualTo("completed"); // the disc that is lost on the way
            byte[] e2 = bytes(40_000, 6);
            a.upload("e2.txt", e2);
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            byte[] receipt = as(b.p(), b.password()).get(ORG + "/imports/receipt").then().statusCode(200)
                    .contentType("application/pkcs7-mime").extract().asByteArray();
            Path receiptFile = Files.write(root.resolve("site-b.receipt"), receipt);
            Path caFile = Files.writeString(root.resolve("a-ca.pem"), a.get("/api/v1/trust/ca").getString("pem"));
            Path unwrapped = root.resolve("site-b-receipt.json");
            Tools.ok(null, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", receiptFile.toString(), "-CAfile",
                    caFile.toString(), "-purpose", "any", "-out", unwrapped.toString());
            com.fasterxml.jackson.databind.JsonNode claims = JSON.readTree(unwrapped.toFile());
            assertThat(claims.path("blobs").size()).isEqualTo(11);
            assertThat(claims.path("upstreamOrganization").asText()).isEqualTo("ACME");
            JsonPath stored = as(a.p(), a.password()).contentType("application/pkcs7-mime").body(receipt)
                    .post(ORG + "/exports/receipts").then().statusCode(201).extract().jsonPath();
            assertThat(stored.getString("downstream")).isEqualTo("dc-b");
            assertThat(stored.getLong("blobs")).isEqualTo(11);
            Map<String, Object> v5 = Map.of("kind", "content_view_version", "contentView", "web", "version", "5.0");
            JsonPath disc = a.task(ORG + "/exports", Map.of("scope", v5, "type", "incremental", "format", "tgz", "receipt",
                    stored.getLong("id")));
            assertThat(disc.getString("state")).as(disc.prettify()).isEqualTo("completed");
            JsonPath export = a.get(ORG + "/exports/" + disc.getLong("result.exportId"));
            assertThat(export.getLong("base.receiptId")).isEqualTo(stored.getLong("id"));
            com.fasterxml.jackson.databind.JsonNode manifest = JSON.readTree(Path.of(export.getString("location"))
                    .resolve("manifest.json").toFile());
            List<String> carried = new java.util.ArrayList<>();
            manifest.path("blobs").forEach(n -> carried.add(n.path("sha256").asText()));
            assertThat(carried).containsExactlyInAnyOrder(sha256(e1), sha256(e2));
            JsonPath imported = b.task(ORG + "/imports", Map.of("path", export.getString("location")));
            assertThat(imported.getString("state")).as(imported.prettify()).isEqualTo("completed");
            assertThat(imported.getLong("result.blobsStored")).isEqualTo(2);
            assertThat(b.units("5.0")).isEqualTo(a.units("5.0")).hasSize(13);

            // C's receipt reaches A too, once A maps C's certificate (issued by B's CA) to a downstream of its own: A's plan
            // for version 5.0 carries exactly the 10 blobs C (which holds version 2.0 from B) lacks
            String cLeaf = Files.readString(root.resolve("c/trust/upstream/client.pem"));
            cLeaf = cLeaf.substring(0, cLeaf.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length()) + "\n";
            a.post("/api/v1/downstream-servers", Map.of("name", "dc-c", "certificate", cLeaf, "issuerCa",
                    b.get("/api/v1/trust/ca").getString("pem"), "scope", List.of(Map.of("organization", "ACME"))), 201);
            byte[] cReceipt = as(c.p(), c.password()).get(ORG + "/imports/receipt").then().statusCode(200).extract().asByteArray();
            JsonPath cStored = as(a.p(), a.password()).contentType("application/pkcs7-mime").body(cReceipt)
                    .post(ORG + "/exports/receipts").then().statusCode(201).extract().jsonPath();
            assertThat(cStored.getString("downstream")).isEqualTo("dc-c");
            assertThat(cStored.getLong("blobs")).isEqualTo(3);
            JsonPath forC = a.post(ORG + "/exports/plan", Map.of("scope", v5, "type", "incremental", "receipt", cStored.getLong("id")),
                    200);
            assertThat(forC.getLong("blobs")).isEqualTo(13);
            assertThat(forC.getLong("newBlobs")).isEqualTo(10);

            // a receipt claiming a blob B does not hold (signed with B's own key): A's export leaves it out, and B's import
            // is refused naming what is missing, changing nothing
            byte[] e3 = bytes(25_000, 7);
            a.upload("e3.txt", e3);
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            com.fasterxml.jackson.databind.node.ObjectNode lie = ((com.fasterxml.jackson.databind.node.ObjectNode) claims).deepCopy();
            ((com.fasterxml.jackson.databind.node.ArrayNode) lie.path("blobs")).add(sha256(e3));
            lie.put("blobCount", 12).put("createdAt", java.time.OffsetDateTime.now().toString());
            Path lieJson = Files.writeString(root.resolve("lie.json"), lie.toString());
            Path bTrust = root.resolve("b/trust/upstream");
            Tools.ok(null, "openssl", "cms", "-sign", "-nodetach", "-binary", "-md", "sha256", "-in", lieJson.toString(), "-signer",
                    bTrust.resolve("client.pem").toString(), "-inkey", bTrust.resolve("client.key").toString(), "-outform", "DER",
                    "-out", root.resolve("lie.p7m").toString());
            JsonPath lieStored = as(a.p(), a.password()).contentType("application/pkcs7-mime").body(Files.readAllBytes(
                    root.resolve("lie.p7m"))).post(ORG + "/exports/receipts").then().statusCode(201).extract().jsonPath();
            JsonPath short6 = a.task(ORG + "/exports", Map.of("scope", Map.of("kind", "content_view_version", "contentView", "web",
                    "version", "6.0"), "type", "incremental", "format", "tgz", "receipt", lieStored.getLong("id")));
            String shortLocation = a.get(ORG + "/exports/" + short6.getLong("result.exportId")).getString("location");
            long importsBefore = b.get(ORG + "/imports").getLong("total");
            json(b.p(), b.password(), JSON.writeValueAsString(Map.of("path", shortLocation))).post(ORG + "/imports").then()
                    .statusCode(409).body("code", is("FERRY-IMPORT-011")).body("detail", org.hamcrest.Matchers.containsString("e3.txt"));
            as(b.p(), b.password()).get(ORG + "/content-views/web/versions/6.0").then().statusCode(404);
            assertThat(b.get(ORG + "/imports").getLong("total")).isEqualTo(importsBefore);

            // A killed (SIGKILL) while B receives: B's sync fails, keeping the whole blobs it verified; after A's restart the
            // next sync does not receive them again (ten blobs: the transfer must still run when 30 MiB are verified, progress
            // being written twice a second; with six, a fast run was over before progress showed 30 MiB)
            long more = 0;
            for (int i = 0; i < 10; i++) {
                a.upload("more-" + i + ".bin", bytes(12_000_000, 200 + i));
                more += 12_000_000;
            }
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            String during = json(b.p(), b.password(), "{}").post(ORG + "/upstream/sync").then().statusCode(202).extract()
                    .header("Location");
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < until) {
                JsonPath t = as(b.p(), b.password()).get(during).then().statusCode(200).extract().jsonPath();
                assertThat(t.getString("state")).as(t.prettify()).isIn("waiting", "running");
                if (t.getLong("progress.bytesDone") >= 30L << 20) {
                    break;
                }
                ServerProcess.sleep(50);
            }
            a.p().kill();
            JsonPath broke = b.await(during);
            assertThat(broke.getString("state")).as(broke.prettify()).isEqualTo("failed");
            assertThat(broke.getString("error.code")).isEqualTo("FERRY-UPSTREAM-003");
            assertThat(broke.getString("error.detail")).contains("broke off").contains("kept");
            as(b.p(), b.password()).get(ORG + "/content-views/web/versions/7.0").then().statusCode(404);
            a = Server.start(root.resolve("a"), "alpha");
            json(b.p(), b.password(), JSON.writeValueAsString(Map.of("url", a.https(), "upstreamOrganization", "ACME", "follow",
                    "content-views", "contentViews", List.of("web")))).put(ORG + "/upstream").then().statusCode(200);
            JsonPath after = b.task(ORG + "/upstream/sync");
            assertThat(after.getString("state")).as(after.prettify()).isEqualTo("completed");
            System.out.printf("after A's kill: %d of %d bytes received again%n", after.getLong("result.bytesReceived"), more);
            assertThat(after.getLong("result.bytesReceived")).as("blobs verified before A died are not sent again")
                    .isLessThan(more - 12_000_000);
            assertThat(b.units("7.0")).isEqualTo(a.units("7.0")).hasSize(24);

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
            as(b.p(), b.password()).get(ORG + "/content-views/web/versions/8.0").then().statusCode(404);
            assertThat(b.units("7.0")).hasSize(24);
        } finally {
            for (Server s : new Server[] {c, b, a}) {
                if (s != null) {
                    s.p().stop();
                }
            }
        }
    }
}
