package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The air-gap walkthrough of docs/cli.md, taken verbatim from the document and run by bash against two
 * freshly started servers, with {@code ferry} on the PATH (this build of the CLI). It must exit 0 and the
 * two digests it prints at the end must be equal.
 */
class WalkthroughTest {
    @Test
    void theWalkthroughInDocsCliMdWorksAsWrittenAgainstTwoServers() throws Exception {
        String script = Walkthrough.block("cli.md", "walkthrough");
        java.util.List<RunningServer> servers = RunningServer.startAll(2);
        try (RunningServer a = servers.get(0); RunningServer b = servers.get(1)) {
            Walkthrough.Ran r = Walkthrough.run("walkthrough", script, Map.of("A", a.url, "A_PASSWORD", RunningServer.ADMIN_PASSWORD,
                    "B", b.url, "B_PASSWORD", RunningServer.ADMIN_PASSWORD, "B_IMPORTS", b.data.resolve("imports").toString()), 10);
            assertThat(r.exit()).as(r.out()).isZero();
            List<String> digests = r.out().lines().filter(l -> l.matches("[0-9a-f]{64}  .*")).map(l -> l.substring(0, 64)).toList();
            assertThat(digests).as(r.out()).hasSize(2);
            assertThat(digests.get(0)).isEqualTo(digests.get(1));
            assertThat(r.out()).contains("Importable.").contains("content view web version 1.0").contains(": OK");
        }
    }
}
