package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The A -> B -> C walkthrough of docs/chaining.md, taken verbatim from the document and run by bash against three
 * freshly started servers over real mutual TLS, with {@code ferry} on the PATH. It must exit 0 and end with C
 * holding exactly what A published, after a second, incremental round.
 */
class ChainingWalkthroughTest {
    static String block() throws Exception {
        Path doc = Path.of("..", "docs", "chaining.md");
        String text = Files.readString(doc);
        int start = text.indexOf("<!-- chaining:start -->");
        int end = text.indexOf("<!-- chaining:end -->");
        assertThat(start).as("chaining markers in " + doc).isPositive();
        String block = text.substring(start, end);
        return block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
    }

    @Test
    void theChainInDocsChainingMdWorksAsWrittenAgainstThreeServers() throws Exception {
        String script = block();
        try (RunningServer a = RunningServer.start(); RunningServer b = RunningServer.start(); RunningServer c = RunningServer.start()) {
            Path work = Files.createTempDirectory(RunningServer.root(), "chaining-");
            Path bin = Files.createDirectories(work.resolve("bin"));
            Path ferry = bin.resolve("ferry");
            Files.writeString(ferry, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -cp '" + System.getProperty("java.class.path") + "' io.ferry.cli.FerryCli \"$@\"\n");
            Files.setPosixFilePermissions(ferry, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path file = Files.writeString(work.resolve("chaining.sh"), script);
            ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("A", a.url);
            pb.environment().put("A_HTTPS", a.httpsUrl);
            pb.environment().put("A_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().put("B", b.url);
            pb.environment().put("B_HTTPS", b.httpsUrl);
            pb.environment().put("B_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().put("C", c.url);
            pb.environment().put("C_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().remove("FERRY_CONFIG");
            pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("C holds what A published").contains("incremental").contains("complete");
            assertThat(Files.readString(work.resolve("on-c.csv"))).contains("alma-9.4.iso").contains("notes.txt");
        }
    }
}
