package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The A -> B -> C walkthrough of docs/chaining.md, taken verbatim from the document and run by bash against three
 * freshly started servers over real mutual TLS, with {@code ferry} on the PATH. It must exit 0 and end with C
 * holding exactly what A published, after a second, incremental round; then B's receipt carried to A drives an
 * export of exactly what B lacks, and A pushes the next release to B.
 */
class ChainingWalkthroughTest {
    @Test
    void theChainInDocsChainingMdWorksAsWrittenAgainstThreeServers() throws Exception {
        String script = Walkthrough.block("chaining.md", "chaining");
        java.util.List<RunningServer> servers = RunningServer.startAll(3);
        try (RunningServer a = servers.get(0); RunningServer b = servers.get(1); RunningServer c = servers.get(2)) {
            Walkthrough.Ran r = Walkthrough.run("chaining", script, Map.of("A", a.url, "A_HTTPS", a.httpsUrl, "A_PASSWORD",
                    RunningServer.ADMIN_PASSWORD, "B", b.url, "B_HTTPS", b.httpsUrl, "B_PASSWORD", RunningServer.ADMIN_PASSWORD, "C",
                    c.url, "C_PASSWORD", RunningServer.ADMIN_PASSWORD), 10);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("C holds what A published").contains("incremental").contains("complete")
                    .contains("ferry -> ferry -> ferry").doesNotContain("Exception");
            // the receipt export carried the one file B lacked, and B imported it from the disc
            assertThat(r.out()).containsPattern("Receipt \\d+ of site-b \\(made [^)]+\\): it holds 2 blobs\\.")
                    .containsPattern("Export \\d+ complete: 3 units, 1 blob, ")
                    .contains("content view web version 3.0, 3 units, 1 blob stored")
                    // the push carried only errata-2.txt
                    .containsPattern("Pushed content view 'web' version 4.0 to 'site-b' \\(incremental, [^)]+ sent\\): 4 units, 1 blob "
                            + "stored there\\.");
            assertThat(Files.readString(r.dir().resolve("on-c.csv"))).contains("alma-9.4.iso").contains("notes.txt");
        }
    }
}
