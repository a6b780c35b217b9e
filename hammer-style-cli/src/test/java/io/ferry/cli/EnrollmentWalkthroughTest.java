package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The downstream enrollment walkthrough of docs/trust.md, taken verbatim from the document and run by bash
 * against two freshly started servers over real HTTPS, with {@code ferry} on the PATH. It must exit 0, reach
 * the organization with B's certificate, be refused after revocation, and openssl must find the serial in the CRL.
 */
class EnrollmentWalkthroughTest {
    static String block() throws Exception {
        Path doc = Path.of("..", "docs", "trust.md");
        String text = Files.readString(doc);
        int start = text.indexOf("<!-- enrollment:start -->");
        int end = text.indexOf("<!-- enrollment:end -->");
        assertThat(start).as("enrollment markers in " + doc).isPositive();
        String block = text.substring(start, end);
        return block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
    }

    @Test
    void theEnrollmentInDocsTrustMdWorksAsWrittenAgainstTwoServers() throws Exception {
        String script = block();
        try (RunningServer a = RunningServer.start(); RunningServer b = RunningServer.start()) {
            Path work = Files.createTempDirectory(RunningServer.root(), "enrollment-");
            Path bin = Files.createDirectories(work.resolve("bin"));
            Path ferry = bin.resolve("ferry");
            Files.writeString(ferry, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -cp '" + System.getProperty("java.class.path") + "' io.ferry.cli.FerryCli \"$@\"\n");
            Files.setPosixFilePermissions(ferry, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path file = Files.writeString(work.resolve("enrollment.sh"), script);
            ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("A", a.url);
            pb.environment().put("A_HTTPS", a.httpsUrl);
            pb.environment().put("A_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().put("B", b.url);
            pb.environment().put("B_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().put("B_DATA", b.data.toString());
            pb.environment().remove("FERRY_CONFIG");
            pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"label\":\"ACME\"").contains("after revocation: HTTP 401").contains("certificate revoked");
        }
    }
}
