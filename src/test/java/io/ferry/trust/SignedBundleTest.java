package io.ferry.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.export.ExportFixtures;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestCertificates;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every export's manifest is signed (detached CMS) by the exporting server; the real openssl binary accepts
 * the signature with the server's CA and rejects it after one byte changes; imports refuse bundles whose
 * signature is missing (under require), invalid, over another manifest, by an untrusted, expired or
 * non-signing certificate, asserting the code and that nothing changed.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class SignedBundleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORGS = "/api/v1/organizations/";

    record Source(ContentFixtures.Repo repo, String cv) {
    }

    static Source source() {
        ContentFixtures.Repo r = ContentFixtures.repo();
        ContentFixtures.uploadOk(r, "images/a.iso", ContentFixtures.bytes(200_000, System.nanoTime()));
        ContentFixtures.uploadOk(r, "docs/readme.txt", ("readme " + System.nanoTime()).getBytes());
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        return new Source(r, cv);
    }

    static JsonPath export(Source s, String format, String extra) {
        return ExportFixtures.export(s.repo().org(), "{\"scope\":" + ExportFixtures.cvScope(s.cv(), "1.0") + ",\"format\":\""
                + format + "\"" + extra + "}");
    }

    static Path caPem() throws Exception {
        Path f = Files.createTempFile("ferry-ca-", ".pem");
        Files.writeString(f, Api.asAdmin().get("/api/v1/trust/ca.pem").then().statusCode(200).extract().asString());
        return f;
    }

    static Tools.Result opensslVerify(Path dir, String content, String signature, Path ca) throws Exception {
        return Tools.run(dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content", content, "-in", signature,
                "-CAfile", ca.toString(), "-out", "/dev/null");
    }

    @Test
    void opensslAcceptsARealExportsSignaturesAndRejectsThemAfterOneByteChanges() throws Exception {
        Source s = source();
        Path ca = caPem();
        Path tgz = Path.of(export(s, "tgz", "").getString("location"));
        Tools.Result ok = opensslVerify(tgz, "manifest.json", "manifest.json.p7s", ca);
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("Verification successful");
        assertThat(opensslVerify(tgz, "volumes.json", "volumes.json.p7s", ca).exit()).isZero();

        Path inside = Files.createTempDirectory("ferry-volume-");
        String volume = Files.list(tgz).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar.gz")).findFirst()
                .orElseThrow();
        Tools.ok(inside, "tar", "-xzf", tgz.resolve(volume).toString(), "ferry/manifest.json", "ferry/volume.json",
                "ferry/manifest.json.p7s");
        assertThat(opensslVerify(inside, "ferry/manifest.json", "ferry/manifest.json.p7s", ca).exit()).isZero();
        String inMarker = JSON.readTree(inside.resolve("ferry/volume.json").toFile()).path("manifestSignature").asText();
        assertThat(Base64.getDecoder().decode(inMarker)).isEqualTo(Files.readAllBytes(inside.resolve("ferry/manifest.json.p7s")));

        Path dir = Path.of(export(s, "dir", ",\"link\":false").getString("location"));
        assertThat(opensslVerify(dir, "ferry/manifest.json", "ferry/manifest.json.p7s", ca).exit()).isZero();

        byte[] m = Files.readAllBytes(tgz.resolve("manifest.json"));
        m[m.length / 2] ^= 0x01;
        Files.write(tgz.resolve("manifest.json"), m);
        Tools.Result bad = opensslVerify(tgz, "manifest.json", "manifest.json.p7s", ca);
        assertThat(bad.exit()).as(bad.out()).isNotZero();
        assertThat(bad.out()).containsIgnoringCase("fail");
    }

    /** A dir export with its manifest and marker rewritten by {@code edit}; the marker's digest is resealed. */
    static Path tampered(Path pristine, java.util.function.BiConsumer<ObjectNode, ObjectNode> edit) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "scratch").toAbsolutePath()), "signed-");
        try (Stream<Path> walk = Files.walk(pristine)) {
            for (Path p : walk.toList()) {
                Path t = dir.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Path manifest = dir.resolve("ferry/manifest.json");
        Path markerFile = dir.resolve("ferry/volume.json");
        ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
        ObjectNode marker = (ObjectNode) JSON.readTree(markerFile.toFile());
        byte[] before = Files.readAllBytes(manifest);
        edit.accept(m, marker);
        if (!m.equals(JSON.readTree(before))) {
            JSON.writeValue(manifest.toFile(), m);
        }
        marker.put("manifestSha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(manifest))));
        JSON.writeValue(markerFile.toFile(), marker);
        Files.deleteIfExists(dir.resolve("ferry/manifest.json.p7s"));
        return dir;
    }

    /** Re-signs the (unchanged) manifest of a copy with another key and chain. */
    static Path resigned(Path pristine, KeyPair key, List<X509Certificate> chain) throws Exception {
        return tampered(pristine, (m, marker) -> {
            try {
                marker.put("manifestSignature", Base64.getEncoder().encodeToString(Signatures.sign(
                        pristine.resolve("ferry/manifest.json"), key.getPrivate(), chain)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static ValidatableResponse refused(String org, Path bundle, String code) {
        JsonPath report = Api.asAdmin().contentType("application/json").body("{\"path\":\"" + bundle + "\"}")
                .post(ORGS + org + "/imports/check").then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("ok")).as(report.prettify()).isFalse();
        Map<String, Object> sig = report.<Map<String, Object>>getList("checks").stream()
                .filter(c -> "signature".equals(c.get("name"))).findFirst().orElseThrow();
        assertThat(sig.get("status")).as(report.prettify()).isEqualTo("failed");
        assertThat(sig.get("code")).isEqualTo(code);
        assertThat(report.getString("checks.find { it.name == 'manifest' }.status")).isEqualTo("ok");
        ValidatableResponse r = Api.asAdmin().contentType("application/json").body("{\"path\":\"" + bundle + "\"}")
                .post(ORGS + org + "/imports").then().statusCode(422).body("code", is(code));
        assertThat(Api.asAdmin().get(ORGS + org + "/content-views").then().extract().jsonPath().getLong("total")).isZero();
        assertThat(Api.asAdmin().get(ORGS + org + "/products").then().extract().jsonPath().getLong("total")).isZero();
        return r;
    }

    @Test
    void tamperedForeignAndWronglySignedBundlesAreRefusedAndChangeNothing() throws Exception {
        Source s = source();
        Path pristine = Path.of(export(s, "dir", ",\"link\":false").getString("location"));
        Path other = Path.of(export(s, "dir", ",\"link\":false,\"destination\":\"elsewhere\"").getString("location"));
        String org = ContentFixtures.org();

        refused(org, tampered(pristine, (m, marker) -> ((ObjectNode) m.get("export")).put("createdBy", "mallory")),
                "FERRY-IMPORT-016").body("detail", containsString("changed after signing"));
        String foreign = JSON.readTree(other.resolve("ferry/volume.json").toFile()).path("manifestSignature").asText();
        refused(org, tampered(pristine, (m, marker) -> marker.put("manifestSignature", foreign)), "FERRY-IMPORT-016");
        refused(org, tampered(pristine, (m, marker) -> marker.put("manifestSignature", Base64.getEncoder()
                .encodeToString("garbage, not DER".getBytes()))), "FERRY-IMPORT-016").body("detail", containsString("not a valid CMS"));
        byte[] real = Base64.getDecoder().decode(JSON.readTree(pristine.resolve("ferry/volume.json").toFile())
                .path("manifestSignature").asText());
        refused(org, tampered(pristine, (m, marker) -> marker.put("manifestSignature", Base64.getEncoder()
                .encodeToString(java.util.Arrays.copyOf(real, real.length / 2)))), "FERRY-IMPORT-016");
        refused(org, tampered(pristine, (m, marker) -> marker.put("manifestSignature", "%%% not base64")), "FERRY-IMPORT-016");

        KeyPair caKey = Certificates.newKeyPair();
        X509Certificate otherCa = Certificates.newCa(caKey, "CN=Another Ferry CA,O=Elsewhere", Duration.ofDays(30));
        KeyPair signerKey = Certificates.newKeyPair();
        X509Certificate signer = Certificates.newSigner(caKey, otherCa, signerKey.getPublic(), "CN=Another signer,O=Elsewhere",
                Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(10));
        Path byOther = resigned(pristine, signerKey, List.of(signer, otherCa));
        refused(org, byOther, "FERRY-IMPORT-017").body("detail", containsString("CN=Another signer"))
                .body("detail", containsString("ferry trust add"));

        Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", Pem.of(otherCa)).toString())
                .post(ORGS + org + "/trusted-certificates").then().statusCode(201);
        X509Certificate expired = Certificates.newSigner(caKey, otherCa, signerKey.getPublic(), "CN=Expired signer,O=Elsewhere",
                Instant.now().minus(Duration.ofDays(20)), Duration.ofDays(10));
        refused(org, resigned(pristine, signerKey, List.of(expired, otherCa)), "FERRY-IMPORT-016")
                .body("detail", containsString("expired"));

        TestCertificates tls = new TestCertificates();
        Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", Pem.of(tls.ca)).toString())
                .post(ORGS + org + "/trusted-certificates").then().statusCode(201);
        refused(org, resigned(pristine, tls.serverKey, List.of(tls.server, tls.ca)), "FERRY-IMPORT-016")
                .body("detail", containsString("not a bundle-signing certificate"));
        refused(org, resigned(pristine, tls.clientKey, List.of(tls.client, tls.ca)), "FERRY-IMPORT-016");

        // once trusted, the bundle signed by the other CA imports
        String ok = Api.asAdmin().contentType("application/json").body("{\"path\":\"" + byOther + "\"}")
                .post(ORGS + org + "/imports/check").then().statusCode(200).extract().jsonPath()
                .getString("checks.find { it.name == 'signature' }.message");
        assertThat(ok).contains("Signed by CN=Another signer").contains("CN=Another Ferry CA").contains("policy require");
    }

    @Test
    void unsignedBundlesNeedPolicyIfPresentOrOff() throws Exception {
        Source s = source();
        Path pristine = Path.of(export(s, "dir", ",\"link\":false").getString("location"));
        Path unsigned = tampered(pristine, (m, marker) -> marker.remove("manifestSignature"));
        String org = ContentFixtures.org();
        Api.asAdmin().get(ORGS + org).then().body("importSignaturePolicy", is("require"));
        refused(org, unsigned, "FERRY-IMPORT-015").body("detail", containsString("--import-signature-policy if-present"));

        Api.asAdmin().contentType("application/json").body("{\"importSignaturePolicy\":\"sometimes\"}").put(ORGS + org).then()
                .statusCode(422).body("field", is("importSignaturePolicy"));
        Api.asAdmin().contentType("application/json").body("{\"importSignaturePolicy\":\"if-present\"}").put(ORGS + org).then()
                .statusCode(200).body("importSignaturePolicy", is("if-present"));
        JsonPath report = Api.asAdmin().contentType("application/json").body("{\"path\":\"" + unsigned + "\"}")
                .post(ORGS + org + "/imports/check").then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("ok")).as(report.prettify()).isTrue();
        assertThat(report.getString("checks.find { it.name == 'signature' }.status")).isEqualTo("warning");
        // a present signature is still checked under if-present
        refused(org, tampered(pristine, (m, marker) -> ((ObjectNode) m.get("export")).put("createdBy", "mallory")),
                "FERRY-IMPORT-016");
    }

    @Test
    void trustListAndCaEndpointsRefuseBadInputAndNeverServeKeys() throws Exception {
        String org = ContentFixtures.org();
        String trusted = ORGS + org + "/trusted-certificates";
        JsonPath ca = Api.asAdmin().get("/api/v1/trust/ca").then().statusCode(200).extract().jsonPath();
        assertThat(ca.getBoolean("ca")).isTrue();
        assertThat(ca.getString("subject")).contains("Ferry CA");
        assertThat(ca.getString("pem")).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE");
        Path keys = TestDatabaseResource.dataDir().resolve("trust");
        for (String k : new String[] {"ca.key", "signer.key"}) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(k))))
                    .isEqualTo("rw-------");
        }
        for (String bad : new String[] {"", "not pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            Files.readString(keys.resolve("ca.key")).substring(0, 0) + "-----BEGIN PRIVATE KEY-----\nMC4CAQA=\n-----END PRIVATE KEY-----\n",
            "x".repeat(70_000)}) {
            Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", bad).toString()).post(trusted)
                    .then().statusCode(422).body("code", is("FERRY-TRUST-001"));
        }
        String pem = ca.getString("pem");
        long id = Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", pem).toString())
                .post(trusted).then().statusCode(201).body("fingerprint", is(ca.getString("fingerprint"))).extract().jsonPath()
                .getLong("id");
        Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", pem).toString()).post(trusted)
                .then().statusCode(409);
        Api.asAdmin().contentType("application/json").body(JSON.createObjectNode().put("pem", pem + pem).toString()).post(trusted)
                .then().statusCode(422).body("code", is("FERRY-TRUST-001"));
        Api.asAdmin().get(trusted).then().statusCode(200).body("size()", is(1));
        Api.asAdmin().delete(trusted + "/" + id).then().statusCode(204);
        Api.asAdmin().delete(trusted + "/" + id).then().statusCode(404).body("code", is("FERRY-TRUST-002"));
        Api.asAdmin().get(trusted).then().statusCode(200).body("size()", is(0));
    }
}
