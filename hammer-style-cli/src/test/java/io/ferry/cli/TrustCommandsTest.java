package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trust commands against a real server over real HTTPS: the CLI verifies the server's certificate with the
 * exported CA; enrollment from request to revocation (the client certificate checked with the real curl);
 * the CRL taken into an organization; signer renewal and CA rotation.
 */
class TrustCommandsTest extends AgainstServer {
    static Result tls(Path ca, String... args) {
        return run(java.util.stream.Stream.concat(java.util.stream.Stream.of("--server", server.httpsUrl, "--ca-bundle", ca.toString(),
                "--password", RunningServer.ADMIN_PASSWORD), java.util.stream.Stream.of(args)).toArray(String[]::new));
    }

    static int curl(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.matches("[0-9]{3}") ? Integer.parseInt(out) : -1;
    }

    @Test
    void enrollRevokeCrlRenewAndRotateOverHttps() throws Exception {
        Path dir = Files.createTempDirectory(RunningServer.root(), "trust-cli-");
        Path ca = dir.resolve("ca.pem");
        ok("ca", "export", "--to", ca.toString());
        Result status = tls(ca, "status");
        assertThat(status.exit()).as(status.err()).isZero();
        String before = ok("server-certificate", "info").out();
        assertThat(before).contains("localhost").contains("issued by this server's CA");
        String renewed = tls(ca, "server-certificate", "renew").out();
        assertThat(renewed).contains("localhost");
        assertThat(fingerprint(renewed)).isNotEqualTo(fingerprint(before));

        ok("organization", "create", "--name", "Trust Org", "--label", "TRUST");
        Path csr = dir.resolve("dc-east.csr");
        assertThat(ok("upstream", "request-certificate", "--name", "dc-east", "--to", csr.toString()).out())
                .contains("ferry downstream-server approve --name dc-east");
        Result approve = ok("downstream-server", "approve", "--name", "dc-east", "--csr", csr.toString(), "--organization", "TRUST",
                "--to", dir.resolve("dc-east.pem").toString(), "--ca-to", dir.resolve("upstream-ca.pem").toString());
        assertThat(approve.out()).contains("ferry upstream install-certificate --file dc-east.pem --ca-file upstream-ca.pem");
        assertThat(ok("upstream", "install-certificate", "--file", dir.resolve("dc-east.pem").toString(), "--ca-file",
                dir.resolve("upstream-ca.pem").toString()).out()).contains("CN=dc-east");
        assertThat(ok("downstream-server", "list").out()).contains("dc-east").contains("TRUST");
        assertThat(ok("downstream-server", "info", "--name", "dc-east").out()).contains("valid");
        Result again = ferry("downstream-server", "approve", "--name", "dc-east", "--csr", csr.toString(), "--organization", "TRUST");
        assertThat(again.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(again.err()).contains("FERRY-DOWNSTREAM-004");

        Path key = server.data.resolve("trust/upstream/client.key");
        String url = server.httpsUrl + "/api/v1/organizations/TRUST/products";
        assertThat(curl(dir, "--cacert", ca.toString(), "--cert", "dc-east.pem", "--key", key.toString(), url)).isEqualTo(200);
        assertThat(ok("downstream-server", "revoke", "--name", "dc-east").out()).contains("next request is refused");
        assertThat(curl(dir, "--cacert", ca.toString(), "--cert", "dc-east.pem", "--key", key.toString(), url)).isEqualTo(401);

        Path crl = dir.resolve("crl.pem");
        ok("ca", "crl", "--to", crl.toString());
        assertThat(ok("trust", "add", "--organization", "TRUST", "--crl", crl.toString()).out()).contains("revokedCount");
        assertThat(ok("trust", "list", "--organization", "TRUST", "--crls").out()).contains("Ferry CA");
        Result garbage = ferry("trust", "add", "--organization", "TRUST", "--crl", csr.toString());
        assertThat(garbage.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(garbage.err()).contains("FERRY-TRUST-004");

        String oldSigner = ok("ca", "renew-signer", "--revoke-previous").out();
        assertThat(oldSigner).contains("bundle signer");
        Result rotated = ok("ca", "rotate");
        assertThat(rotated.out()).contains("New CA:").contains("trusted until");
        // the HTTPS certificate was issued again by the new CA; the new CA file verifies it, so does the old one's overlap file
        Path newCa = dir.resolve("new-ca.pem");
        ok("ca", "export", "--to", newCa.toString());
        Result afterRotation = tls(newCa, "server-certificate", "info");
        assertThat(afterRotation.exit()).as(afterRotation.err()).isZero();
        assertThat(fingerprint(afterRotation.out())).isNotEqualTo(fingerprint(renewed));
    }

    private static String fingerprint(String out) {
        return out.lines().filter(l -> l.strip().startsWith("fingerprint")).findFirst().orElseThrow(() -> new AssertionError("no fingerprint in " + out));
    }
}
