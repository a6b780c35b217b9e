package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The downstream enrollment walkthrough of docs/trust.md, taken verbatim from the document and run by bash
 * against two freshly started servers over real HTTPS, with {@code ferry} on the PATH. It must exit 0, reach
 * the organization with B's certificate, be refused after revocation, and openssl must find the serial in the CRL.
 */
class EnrollmentWalkthroughTest {
    @Test
    void theEnrollmentInDocsTrustMdWorksAsWrittenAgainstTwoServers() throws Exception {
        String script = Walkthrough.block("trust.md", "enrollment");
        java.util.List<RunningServer> servers = RunningServer.startAll(2);
        try (RunningServer a = servers.get(0); RunningServer b = servers.get(1)) {
            Walkthrough.Ran r = Walkthrough.run("enrollment", script, Map.of("A", a.url, "A_HTTPS", a.httpsUrl, "A_PASSWORD",
                    RunningServer.ADMIN_PASSWORD, "B", b.url, "B_PASSWORD", RunningServer.ADMIN_PASSWORD, "B_DATA", b.data.toString()), 5);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("\"label\":\"ACME\"").contains("after revocation: HTTP 401").contains("certificate revoked");
        }
    }
}
