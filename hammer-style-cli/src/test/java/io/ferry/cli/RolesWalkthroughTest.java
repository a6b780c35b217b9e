package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The role walkthrough of docs/permissions.md, verbatim, against a fresh server: alice, a Content Exporter limited to
 * the product Templates, exports the Templates-only view, is refused the mixed one naming the product, cannot see
 * OTHER, and both attempts are in the audit list. Then one of her records is changed in the server's PostgreSQL and
 * {@code ferry audit verify} must fail naming it.
 */
class RolesWalkthroughTest {
    @Test
    void theRoleWalkthroughInDocsPermissionsMdWorksAsWrittenAndAnEditedRecordIsNamed() throws Exception {
        String script = Walkthrough.block("permissions.md", "roles");
        try (RunningServer s = RunningServer.start()) {
            Map<String, String> env = Map.of("FERRY_SERVER", s.url, "FERRY_PASSWORD", RunningServer.ADMIN_PASSWORD, "ADMIN_PASSWORD",
                    RunningServer.ADMIN_PASSWORD);
            Walkthrough.Ran r = Walkthrough.run("roles", script, env, 5);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("lacks the permission 'export_content' for product 'Images'").contains("mixed: exit 77")
                    .contains("OTHER: exit 128").contains("Audit trail intact");
            List<String> alice = r.out().lines().filter(l -> l.contains(" alice ") && l.contains("export.start")).toList();
            assertThat(alice).as(r.out()).hasSize(2);
            assertThat(alice).anyMatch(l -> l.contains("succeeded")).anyMatch(l -> l.contains("refused"));
            List<String> lines = r.out().lines().toList();
            int from = lines.indexOf(lines.stream().filter(l -> l.contains("OTHER: exit 128")).findFirst().orElseThrow());
            int to = lines.indexOf(lines.stream().filter(l -> l.contains("ACTOR")).findFirst().orElseThrow());
            List<String> orgList = lines.subList(from + 1, to);
            assertThat(orgList).as("alice's organization list").anyMatch(l -> l.contains("ACME")).noneMatch(l -> l.contains("OTHER"));

            long edited = Long.parseLong(alice.get(0).trim().split("\\s+")[0]);
            try (Connection c = database(s.data)) {
                try (PreparedStatement p = c.prepareStatement("update audit_record set result = 'succeeded', detail = null where id = ?")) {
                    p.setLong(1, edited);
                    assertThat(p.executeUpdate()).isEqualTo(1);
                }
            }
            Walkthrough.Ran v = Walkthrough.run("verify", "ferry audit verify\n", env, 2);
            assertThat(v.exit()).as(v.out()).isEqualTo(65);
            assertThat(v.out()).contains("broken at record " + edited);
        }
    }

    /** The server's embedded PostgreSQL, with the credentials and port it keeps in its data directory. */
    static Connection database(Path data) throws Exception {
        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("postgres/credentials.properties"))) {
            credentials.load(in);
        }
        List<String> pid = Files.readAllLines(data.resolve("postgres/cluster/pgdata/postmaster.pid"));
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/ferry";
        return DriverManager.getConnection(url, credentials.getProperty("user"), credentials.getProperty("password"));
    }
}
