package io.ferry.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document passes a standard linter, Redocly's {@code lint} with its recommended rules
 * (openapi/redocly.yaml turns off only info-license), with no error and no warning (so generated clients get stable method names and error types), and every
 * operation has a unique operationId. The linter is installed by .ci/run (see docs/development.md).
 */
class OpenApiLintTest {
    static Path redocly() {
        String env = System.getenv("FERRY_REDOCLY");
        Path p = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "ferry", "redocly-" + REDOCLY_VERSION,
                "node_modules", ".bin", "redocly");
        assertThat(p).as("Redocly CLI not found at " + p + ": run .ci/run, or install it with npm install --no-save "
                + "--no-package-lock --prefix ~/.cache/ferry/redocly-" + REDOCLY_VERSION + " @redocly/cli@" + REDOCLY_VERSION).exists();
        return p;
    }

    static final String REDOCLY_VERSION = "2.77.0";

    @Test
    void theCommittedDocumentIsLintCleanUnderTheRecommendedRules() throws Exception {
        Path doc = OpenApiDocumentTest.COMMITTED.toAbsolutePath();
        Tools.Result r = Tools.run(null, redocly().toString(), "lint", "--config", Path.of("openapi", "redocly.yaml")
                .toAbsolutePath().toString(), "--format", "stylish", doc.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).as(r.out()).contains("Your API description is valid").doesNotContain("You have");
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndAProblemResponse() throws Exception {
        List<String> lines = Files.readAllLines(OpenApiDocumentTest.COMMITTED);
        Set<String> ids = new HashSet<>();
        long operations = 0;
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("operationId: ")) {
                assertThat(ids.add(t.substring(13))).as("duplicate " + t).isTrue();
            }
            if (l.matches("    (get|put|post|delete|head|patch):")) {
                operations++;
            }
        }
        assertThat(ids).hasSize((int) operations);
        assertThat(String.join("\n", lines)).contains("application/problem+json").contains("servers:");
    }
}
