package io.ferry.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Receipts on one server enrolled with itself (organization {@code down} holds one of the two files {@code up}
 * published): the receipt {@code down} writes verifies with openssl, and an export of {@code up} based on it carries
 * only the blob {@code down} lacks. Tampered, truncated, forged (signed by a key this server never enrolled),
 * stale, oversized, malformed and misdirected receipts are refused with their codes and store nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ReceiptTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORGS = "/api/v1/organizations/";

    @Inject
    DataSource db;

    long[] stored() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select (select count(*) from export_receipt), (select count(*) from export_receipt_blob)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    static JsonPath send(String method, String path, Object body, int status) throws Exception {
        return Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(body)).request(method, path).then()
                .statusCode(status).extract().jsonPath();
    }

    static io.restassured.response.ValidatableResponse post(String org, byte[] receipt) {
        return Api.asAdmin().contentType(ReceiptDtos.MEDIA_TYPE).body(receipt).post(ORGS + org + "/exports/receipts").then();
    }

    /** Signs {@code json} with openssl, as the holder of {@code key} would. */
    static byte[] sign(Path dir, String json, Path cert, Path key) throws Exception {
        Path in = Files.writeString(Files.createTempFile(dir, "receipt-", ".json"), json);
        Path out = dir.resolve(in.getFileName() + ".p7m");
        Tools.ok(null, "openssl", "cms", "-sign", "-nodetach", "-binary", "-md", "sha256", "-in", in.toString(), "-signer",
                cert.toString(), "-inkey", key.toString(), "-outform", "DER", "-out", out.toString());
        return Files.readAllBytes(out);
    }

    @Test
    void aReceiptDrivesAnExportOfWhatIsMissingAndBadReceiptsStoreNothing() throws Exception {
        ContentFixtures.Repo up = ContentFixtures.repo();
        byte[] held = ContentFixtures.bytes(40_000, 31);
        byte[] lacking = ContentFixtures.bytes(50_000, 32);
        ContentFixtures.uploadOk(up, "a.iso", held);
        ContentFixtures.uploadOk(up, "b.txt", lacking);
        String cv = ContentFixtures.createView(up, false);
        ContentFixtures.publish(up.org(), cv);
        ContentFixtures.Repo down = ContentFixtures.repo();
        ContentFixtures.uploadOk(down, "copy-of-a.iso", held);

        // no identity yet: refused before anything is written
        Path trust = TestDatabaseResource.dataDir().resolve("trust/upstream");
        if (!Files.exists(trust.resolve("client.pem"))) {
            Api.asAdmin().get(ORGS + down.org() + "/imports/receipt").then().statusCode(409).body("code", is("FERRY-RECEIPT-006"));
        }
        String name = ContentFixtures.unique("rcpt");
        JsonPath approved = io.ferry.support.SelfEnrollment.enroll(name, up.org());

        byte[] receipt = Api.asAdmin().queryParam("upstreamOrganization", up.org()).get(ORGS + down.org() + "/imports/receipt")
                .then().statusCode(200).contentType(ReceiptDtos.MEDIA_TYPE).extract().asByteArray();
        Path dir = Files.createTempDirectory(TestDatabaseResource.testRoot(), "receipts-");
        Path file = Files.write(dir.resolve("down.receipt"), receipt);
        Path ca = Files.writeString(dir.resolve("ca.pem"), approved.getString("caPem"));
        Path unwrapped = dir.resolve("down.json");
        Tools.ok(null, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", file.toString(), "-CAfile", ca.toString(),
                "-purpose", "any", "-out", unwrapped.toString());
        ObjectNode claims = (ObjectNode) JSON.readTree(unwrapped.toFile());
        assertThat(claims.path("organization").asText()).isEqualTo(down.org());
        assertThat(claims.path("blobs")).hasSize(1);
        assertThat(claims.path("blobs").get(0).asText()).isEqualTo(ContentFixtures.sha256(held));

        long[] before = stored();
        // tampered: one byte of the content changed after signing
        byte[] tampered = receipt.clone();
        int at = new String(receipt, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(ContentFixtures.sha256(held)) + 10;
        tampered[at] = (byte) (tampered[at] == 'a' ? 'b' : 'a');
        post(up.org(), tampered).statusCode(422).body("code", is("FERRY-RECEIPT-001")).body("detail", org.hamcrest.Matchers
                .containsString("changed after it was signed"));
        // truncated, empty and garbage
        post(up.org(), java.util.Arrays.copyOf(receipt, receipt.length / 2)).statusCode(422).body("code", is("FERRY-RECEIPT-001"));
        post(up.org(), new byte[0]).statusCode(422).body("code", is("FERRY-RECEIPT-001"));
        post(up.org(), "not a receipt at all".getBytes()).statusCode(422).body("code", is("FERRY-RECEIPT-001"));
        // forged: the same claims signed by a key and certificate this server never enrolled
        Path forgedKey = dir.resolve("forged.key");
        Path forgedCert = dir.resolve("forged.pem");
        Tools.ok(null, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                "/CN=" + name, "-days", "2", "-keyout", forgedKey.toString(), "-out", forgedCert.toString());
        post(up.org(), sign(dir, claims.toString(), forgedCert, forgedKey)).statusCode(403).body("code", is("FERRY-RECEIPT-002"));
        // signed by the enrolled identity (its key is on this server) but stale, from the future, malformed or for another organization
        Path cert = trust.resolve("client.pem");
        Path key = trust.resolve("client.key");
        ObjectNode stale = claims.deepCopy().put("createdAt", OffsetDateTime.now().minusDays(60).toString());
        post(up.org(), sign(dir, stale.toString(), cert, key)).statusCode(422).body("code", is("FERRY-RECEIPT-003"));
        ObjectNode future = claims.deepCopy().put("createdAt", OffsetDateTime.now().plusDays(1).toString());
        post(up.org(), sign(dir, future.toString(), cert, key)).statusCode(422).body("code", is("FERRY-RECEIPT-001"));
        ObjectNode badDigest = claims.deepCopy();
        ((ArrayNode) badDigest.path("blobs")).add("../../etc/passwd");
        post(up.org(), sign(dir, badDigest.toString(), cert, key)).statusCode(422).body("code", is("FERRY-RECEIPT-001"))
                .body("detail", org.hamcrest.Matchers.containsString("not a SHA-256"));
        ObjectNode miscounted = claims.deepCopy().put("blobCount", 7);
        post(up.org(), sign(dir, miscounted.toString(), cert, key)).statusCode(422).body("code", is("FERRY-RECEIPT-001"));
        for (String partial : List.of("{\"sha256\":\"../x\",\"of\":\"" + ContentFixtures.sha256(held) + "\",\"size\":5}",
                "{\"sha256\":\"" + ContentFixtures.sha256(held) + "\",\"of\":\"" + ContentFixtures.sha256(held) + "\",\"size\":0}",
                "{\"sha256\":\"" + ContentFixtures.sha256(held) + "\"}", "7")) { // beginnings kept of broken-off deltas, malformed
            ObjectNode badPartial = claims.deepCopy();
            badPartial.set("partials", JSON.readTree("[" + partial + "]"));
            post(up.org(), sign(dir, badPartial.toString(), cert, key)).statusCode(422).body("code", is("FERRY-RECEIPT-001"))
                    .body("detail", org.hamcrest.Matchers.containsString("partials"));
        }
        ObjectNode elsewhere = claims.deepCopy().put("upstreamOrganization", down.org());
        post(up.org(), sign(dir, elsewhere.toString(), cert, key)).statusCode(422).body("code", is("FERRY-RECEIPT-001"))
                .body("detail", org.hamcrest.Matchers.containsString("made for organization"));
        post(down.org(), receipt).statusCode(403).body("code", is("FERRY-RECEIPT-002")); // the signer has no access to down
        // oversized (the test profile allows 1 MiB): refused while it streams
        ObjectNode big = claims.deepCopy();
        ArrayNode digests = (ArrayNode) big.path("blobs");
        for (int i = 0; i < 20_000; i++) {
            digests.add(ContentFixtures.sha256(java.nio.ByteBuffer.allocate(4).putInt(i).array()));
        }
        big.put("blobCount", digests.size());
        post(up.org(), sign(dir, big.toString(), cert, key)).statusCode(413).body("code", is("FERRY-RECEIPT-004"));
        assertThat(stored()).as("nothing of a refused receipt is stored").containsExactly(before);

        // the genuine receipt: stored, and the export based on it carries only what down lacks
        JsonPath ok = post(up.org(), receipt).statusCode(201).extract().jsonPath();
        assertThat(ok.getString("downstream")).isEqualTo(name);
        assertThat(ok.getLong("blobs")).isEqualTo(1);
        Map<String, Object> scope = Map.of("kind", "content_view_version", "contentView", cv, "version", "1.0");
        JsonPath plan = send("POST", ORGS + up.org() + "/exports/plan", Map.of("scope", scope, "type", "incremental", "receipt",
                ok.getLong("id")), 200);
        assertThat(plan.getLong("blobs")).isEqualTo(2);
        assertThat(plan.getLong("newBlobs")).isEqualTo(1);
        assertThat(plan.getLong("newBytes")).isEqualTo(lacking.length);
        send("POST", ORGS + up.org() + "/exports/plan", Map.of("scope", scope, "type", "incremental", "receipt", ok.getLong("id") + 999),
                404);
        send("POST", ORGS + up.org() + "/exports/plan", Map.of("scope", scope, "receipt", ok.getLong("id")), 422); // complete
    }
}
