package io.ferry.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's own PKI: the server uses a CA certificate and key and a TLS certificate made with openssl
 * (as an enterprise CA would issue them) instead of generating its own; the HTTPS listener presents the
 * configured certificate, reloads it on renew without a restart, and CA rotation is refused with its code.
 */
class EnterprisePkiIT {
    static Path root() {
        return Path.of(System.getProperty("ferrytest.root", "target/test-data")).toAbsolutePath();
    }

    static String password(Path data) throws Exception {
        return Files.readString(data.resolve("admin-password")).strip();
    }

    /** The serial of the certificate the listener presents now, as openssl s_client sees it. */
    static String presentedSerial(Path dir, int port) throws Exception {
        return Tools.ok(dir, "bash", "-c", "openssl s_client -connect 127.0.0.1:" + port + " -servername localhost </dev/null "
                + "2>/dev/null | openssl x509 -noout -serial").strip();
    }

    static void serverCertificate(Path dir, String name) throws Exception {
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Tools.ok(dir, "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=localhost/O=Enterprise");
        Tools.ok(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ent-ca.pem", "-CAkey", "ent-ca.key", "-CAcreateserial",
                "-days", "30", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    @Test
    void configuredCaAndTlsCertificateAreUsedReloadedAndNotRotated() throws Exception {
        Path dir = Files.createDirectories(root().resolve("pki-" + System.nanoTime()));
        Tools.ok(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ent-ca.key", "-out", "ent-ca.pem",
                "-days", "30", "-subj", "/CN=Enterprise Root/O=Enterprise");
        Files.writeString(dir.resolve("sub.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
        Tools.ok(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "ferry-ca.key", "-out", "ferry-ca.csr", "-subj", "/CN=Ferry CA issued by Enterprise/O=Enterprise");
        Tools.ok(dir, "openssl", "x509", "-req", "-in", "ferry-ca.csr", "-CA", "ent-ca.pem", "-CAkey", "ent-ca.key", "-CAcreateserial",
                "-days", "30", "-extfile", "sub.ext", "-out", "ferry-ca.pem");
        Files.setPosixFilePermissions(dir.resolve("ferry-ca.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        serverCertificate(dir, "tls");

        Path data = dir.resolve("data");
        ServerProcess server = ServerProcess.start(data, Map.of(
                "FERRY_TRUST_CA_CERTIFICATE_FILE", dir.resolve("ferry-ca.pem").toString(),
                "FERRY_TRUST_CA_KEY_FILE", dir.resolve("ferry-ca.key").toString(),
                "FERRY_TLS_CERTIFICATE_FILE", dir.resolve("tls.pem").toString(),
                "FERRY_TLS_KEY_FILE", dir.resolve("tls.key").toString()));
        try {
            String https = "https://localhost:" + server.sslPort;
            assertThat(Tools.ok(dir, "curl", "-sS", "--cacert", "ent-ca.pem", https + "/q/health")).contains("UP");
            String fileSerial = Tools.ok(dir, "openssl", "x509", "-in", "tls.pem", "-noout", "-serial").strip();
            assertThat(presentedSerial(dir, server.sslPort)).isEqualTo(fileSerial);

            String pw = password(data);
            given().baseUri(server.baseUri()).auth().preemptive().basic("admin", pw).get("/api/v1/trust/ca").then().statusCode(200)
                    .body("subject", is("O=Enterprise,CN=Ferry CA issued by Enterprise"));
            given().baseUri(server.baseUri()).auth().preemptive().basic("admin", pw).post("/api/v1/trust/ca/rotate").then()
                    .statusCode(409).body("code", is("FERRY-TRUST-003"));
            assertThat(data.resolve("trust/ca.key")).doesNotExist();
            // a signature by the configured CA's signer verifies with the enterprise root and the configured CA as a chain
            given().baseUri(server.baseUri()).auth().preemptive().basic("admin", pw).get("/api/v1/trust/signer").then()
                    .statusCode(200).body("subject", org.hamcrest.Matchers.containsString("Ferry bundle signer"));

            // the operator replaces the files; renew loads them and the listener presents them at once
            serverCertificate(dir, "tls");
            String newSerial = Tools.ok(dir, "openssl", "x509", "-in", "tls.pem", "-noout", "-serial").strip();
            assertThat(newSerial).isNotEqualTo(fileSerial);
            given().baseUri(server.baseUri()).auth().preemptive().basic("admin", pw).post("/api/v1/server-certificate/renew").then()
                    .statusCode(200).body("source", org.hamcrest.Matchers.startsWith("configured"));
            assertThat(presentedSerial(dir, server.sslPort)).isEqualTo(newSerial);
        } finally {
            server.stop();
        }
    }
}
