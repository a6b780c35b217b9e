package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The air-gap walkthrough of docs/cli.md, taken verbatim from the document and run by bash against two
 * freshly started servers, with {@code ferry} on the PATH (this build of the CLI). It must exit 0 and the
 * two digests it prints at the end must be equal.
 */
class WalkthroughTest {
    static String walkthrough() throws Exception {
        Path doc = Path.of("..", "docs", "cli.md");
        String text = Files.readString(doc);
        int start = text.indexOf("<!-- walkthrough:start -->");
        int end = text.indexOf("<!-- walkthrough:end -->");
        assertThat(start).as("walkthrough markers in " + doc).isPositive();
        String block = text.substring(start, end);
        return block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
    }

    @Test
    void theWalkthroughInDocsCliMdWorksAsWrittenAgainstTwoServers() throws Exception {
        String script = walkthrough();
        try (RunningServer a = RunningServer.start(); RunningServer b = RunningServer.start()) {
            Path work = Files.createTempDirectory(RunningServer.root(), "walkthrough-");
            Path bin = Files.createDirectories(work.resolve("bin"));
            Path ferry = bin.resolve("ferry");
            Files.writeString(ferry, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -cp '" + System.getProperty("java.class.path") + "' io.ferry.cli.FerryCli \"$@\"\n");
            Files.setPosixFilePermissions(ferry, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path file = Files.writeString(work.resolve("walkthrough.sh"), script);
            ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("A", a.url);
            pb.environment().put("A_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().put("B", b.url);
            pb.environment().put("B_PASSWORD", RunningServer.ADMIN_PASSWORD);
            pb.environment().put("B_IMPORTS", b.data.resolve("imports").toString());
            pb.environment().remove("FERRY_CONFIG");
            pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            List<String> digests = out.lines().filter(l -> l.matches("[0-9a-f]{64}  .*")).map(l -> l.substring(0, 64)).toList();
            assertThat(digests).as(out).hasSize(2);
            assertThat(digests.get(0)).isEqualTo(digests.get(1));
            assertThat(out).contains("Importable.").contains("content view web version 1.0").contains(": OK");
        }
    }
}
