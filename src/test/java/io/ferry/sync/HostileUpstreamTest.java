package io.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.Tasks;
import io.ferry.support.TestCertificates;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream that misbehaves, over real TLS: an HTTPS server on loopback (certificate from a test CA the downstream
 * was told to trust) answers the sync protocol with bundles made by this server's real export stream and then
 * altered: a blob with wrong bytes, a stream cut short (broken connection, and a well-framed body that ends early), a
 * bundle of another organization or another version, and one re-signed (by openssl) with a signing key nobody here trusts. Each sync fails
 * with its own code and the following organization is unchanged: no content view version, no unit. The unaltered
 * bundle, sent by the same server, imports, so each failure is the alteration's.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class HostileUpstreamTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORGS = "/api/v1/organizations/";
    static final byte[] FILE_A = ContentFixtures.bytes(50_000, 71);
    static final byte[] FILE_B = ContentFixtures.bytes(7_000, 72);

    static HttpsServer fake;
    static TestCertificates certs;
    static ContentFixtures.Repo source;
    static String cv;
    static String serverId;
    static volatile byte[] payload;
    static volatile String latestVersion = "1.0";
    static volatile boolean cutConnection;

    /** Source content, the downstream identity, and the hostile server (in the test: the app's port is known only then). */
    static void upstream() throws Exception {
        source = ContentFixtures.repo();
        ContentFixtures.uploadOk(source, "a.iso", FILE_A);
        ContentFixtures.uploadOk(source, "b.txt", FILE_B);
        cv = ContentFixtures.createView(source, false);
        ContentFixtures.publish(source.org(), cv);
        serverId = Api.asAdmin().get("/api/v1/status").then().statusCode(200).extract().jsonPath().getString("serverId");

        // this server's client identity as a downstream, trusting its own CA and the hostile server's test CA
        JsonPath approved = io.ferry.support.SelfEnrollment.enroll(ContentFixtures.unique("self"), source.org());
        certs = new TestCertificates();
        Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("certificate",
                approved.getString("certificatePem"), "upstreamCa", approved.getString("caPem") + TestCertificates.pem(certs.ca))))
                .put("/api/v1/upstream/certificate").then().statusCode(200);

        fake = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.setHttpsConfigurator(new HttpsConfigurator(certs.serverContext()));
        fake.createContext("/", HostileUpstreamTest::answer);
        fake.start();
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.stop(0);
        }
    }

    /** The sync protocol as the downstream speaks it: status, the followed view's latest version, the bundle stream. */
    static void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        x.getRequestBody().readAllBytes();
        if (path.equals("/api/v1/status")) {
            send(x, 200, JSON.writeValueAsBytes(Map.of("serverId", serverId)));
        } else if (path.endsWith("/content-views/" + cv)) {
            send(x, 200, JSON.writeValueAsBytes(Map.of("label", cv, "latestVersion", latestVersion)));
        } else if (path.endsWith("/exports/stream")) {
            byte[] body = payload;
            if (cutConnection) {
                x.sendResponseHeaders(200, body.length); // promises all of it, sends half, and goes away
                x.getResponseBody().write(body, 0, body.length / 2);
                x.getResponseBody().flush();
                x.close();
                return;
            }
            send(x, 200, body);
        } else {
            send(x, 404, "{\"code\":\"FERRY-COMMON-404\",\"detail\":\"not here\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** A genuine sync bundle of {@code org}'s content view version, as the real export stream writes it. */
    static byte[] genuine(String org, String view, String version) throws Exception {
        Map<String, Object> body = Map.of("scope", Map.of("kind", "content_view_version", "contentView", view, "version", version),
                "format", "tgz", "compression", "fast", "destination", "sync", "type", "complete");
        return Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(body)).post(ORGS + org + "/exports/stream")
                .then().statusCode(200).extract().asByteArray();
    }

    /** Rewrites a tar.gz entry by entry: {@code change} answers the new bytes of an entry (or the same ones). */
    static byte[] rewrite(byte[] tgz, BiFunction<String, byte[], byte[]> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tgz)));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = e.isDirectory() ? new byte[0] : in.readAllBytes();
                byte[] changed = e.isDirectory() ? data : change.apply(e.getName(), data);
                TarArchiveEntry copy = new TarArchiveEntry(e.getName());
                copy.setMode(e.getMode());
                copy.setModTime(e.getModTime());
                copy.setSize(e.isDirectory() ? 0 : changed.length);
                tar.putArchiveEntry(copy);
                tar.write(changed);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** A new organization following {@code cv} of the source at the hostile server; syncs once and answers the ended task. */
    static JsonPath syncInto(String follower) throws Exception {
        Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("url", "https://127.0.0.1:"
                + fake.getAddress().getPort(), "upstreamOrganization", source.org(), "follow", "content-views", "contentViews",
                List.of(cv)))).put(ORGS + follower + "/upstream").then().statusCode(200);
        String location = Api.asAdmin().contentType("application/json").body("{}").post(ORGS + follower + "/upstream/sync").then()
                .statusCode(202).extract().header("Location");
        return Tasks.awaitEnd(location);
    }

    /** Syncs {@code body} into a new organization: the task fails with {@code code} and the organization holds nothing. */
    static JsonPath refused(byte[] body, String code) throws Exception {
        payload = body;
        String follower = ContentFixtures.org();
        JsonPath t = syncInto(follower);
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("failed");
        assertThat(t.getString("error.code")).as(t.prettify()).isEqualTo(code);
        Api.asAdmin().get(ORGS + follower + "/content-views/" + cv).then().statusCode(404);
        assertThat(Api.asAdmin().get(ORGS + follower + "/content-views").then().statusCode(200).extract().jsonPath()
                .getInt("total")).isZero();
        assertThat(Api.asAdmin().get(ORGS + follower + "/products").then().statusCode(200).extract().jsonPath()
                .getInt("total")).isZero();
        return t;
    }

    @Test
    void everyAlteredBundleIsRefusedAndTheGenuineOneImports() throws Exception {
        upstream();
        byte[] good = genuine(source.org(), cv, "1.0");
        String sha = ContentFixtures.sha256(FILE_A);

        // a blob whose bytes are not the ones its digest names (same length, one byte flipped)
        JsonPath wrong = refused(rewrite(good, (name, data) -> {
            if (name.contains(sha)) {
                byte[] d = data.clone();
                d[d.length / 2] ^= 1;
                return d;
            }
            return data;
        }), "FERRY-IMPORT-007");
        assertThat(wrong.getString("error.detail")).contains(sha.substring(0, 12));

        // a stream that breaks off: the connection closes halfway through the promised length
        cutConnection = true;
        try {
            assertThat(refused(good, "FERRY-UPSTREAM-003").getString("error.detail")).contains("broke off");
        } finally {
            cutConnection = false;
        }
        // a well-framed body that is only the first half of the bundle
        refused(java.util.Arrays.copyOf(good, good.length / 2), "FERRY-IMPORT-009");

        // a genuine, validly signed bundle of another organization, or of another version than the one announced
        ContentFixtures.Repo other = ContentFixtures.repo();
        ContentFixtures.uploadOk(other, "a.iso", FILE_A);
        String otherCv = ContentFixtures.createView(other, false);
        ContentFixtures.publish(other.org(), otherCv);
        assertThat(refused(genuine(other.org(), otherCv, "1.0"), "FERRY-UPSTREAM-006").getString("error.detail"))
                .contains("holds organization '" + other.org() + "'");
        latestVersion = "2.0";
        try {
            assertThat(refused(good, "FERRY-UPSTREAM-006").getString("error.detail")).contains("not content view '" + cv
                    + "' version 2.0");
        } finally {
            latestVersion = "1.0";
        }

        // the same manifest re-signed (with openssl) by a key from a CA the organization does not trust
        Path dir = Files.createTempDirectory("hostile-upstream");
        Path cert = dir.resolve("rogue.pem");
        Path key = dir.resolve("rogue.key");
        Tools.ok(null, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-subj", "/CN=rogue-signer", "-days", "2", "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "keyUsage=critical,digitalSignature",
                "-addext", "extendedKeyUsage=codeSigning");
        byte[] forged = rewrite(good, (name, data) -> name.endsWith("volume.json") ? resign(data, good, dir, cert, key) : data);
        JsonPath untrusted = refused(forged, "FERRY-IMPORT-017");
        assertThat(untrusted.getString("error.detail")).contains("CN=rogue-signer");

        // the genuine bundle through the same hostile server: imported, equal to the source
        payload = good;
        String follower = ContentFixtures.org();
        JsonPath ok = syncInto(follower);
        assertThat(ok.getString("state")).as(ok.prettify()).isEqualTo("completed");
        List<String> units = Api.asAdmin().get(ORGS + follower + "/content-views/" + cv + "/versions/1.0/units").then()
                .statusCode(200).extract().jsonPath().getList("items.sha256");
        assertThat(units).containsExactlyInAnyOrder(sha, ContentFixtures.sha256(FILE_B));
    }

    /** The volume marker with its manifest signature replaced by one {@code openssl cms -sign} makes with the rogue key. */
    static byte[] resign(byte[] marker, byte[] bundle, Path dir, Path cert, Path key) {
        try {
            byte[][] manifest = new byte[1][];
            rewrite(bundle, (name, data) -> {
                if (name.endsWith("manifest.json")) {
                    manifest[0] = data;
                }
                return data;
            });
            Path m = Files.write(dir.resolve("manifest.json"), manifest[0]);
            Path sig = dir.resolve("manifest.p7s");
            Tools.ok(null, "openssl", "cms", "-sign", "-binary", "-md", "sha256", "-in", m.toString(), "-signer", cert.toString(),
                    "-inkey", key.toString(), "-outform", "DER", "-out", sig.toString());
            ObjectNode n = (ObjectNode) JSON.readTree(marker);
            n.put("manifestSignature", java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(sig)));
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
