package io.ferry.imports;

import static io.ferry.imports.ImportFixtures.body;
import static io.ferry.imports.ImportFixtures.check;
import static io.ferry.imports.ImportFixtures.start;
import static io.ferry.imports.ImportFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Consistent bundles (manifest edited, its digest resealed in the marker: every checksum matches) whose
 * values break the rules the API applies. The check must fail the manifest stage with FERRY-IMPORT-014
 * naming the field and showing the value escaped; the import must refuse with the same code; nothing
 * may change in the organization and nothing may be left in the blob store's temp directory.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ImportValueRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One real export, copied and edited per case. */
    static ImportHostileTest.Exported pristine;

    static synchronized Path pristine() throws Exception {
        if (pristine == null) {
            pristine = ImportHostileTest.exported("dir", ",\"link\":false");
        }
        return pristine.location();
    }

    /** A copy of the export with its manifest edited and resealed. */
    static Path edited(Consumer<ObjectNode> edit) throws Exception {
        Path dir = ImportFixtures.scratch("values-");
        try (Stream<Path> walk = Files.walk(pristine())) {
            for (Path p : walk.toList()) {
                Path t = dir.resolve(pristine().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Path manifest = dir.resolve("ferry/manifest.json");
        ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
        edit.accept(m);
        JSON.writeValue(manifest.toFile(), m);
        ImportHostileTest.resealMarker(dir);
        return dir;
    }

    static ObjectNode repo(ObjectNode m) {
        return (ObjectNode) m.get("repositories").get(0);
    }

    static ObjectNode unit(ObjectNode m) {
        return (ObjectNode) repo(m).get("units").get(0);
    }

    static ObjectNode cv(ObjectNode m) {
        return (ObjectNode) m.get("scope").get("contentView");
    }

    /** Check and import both refuse: code, field, the escaped value in the message; nothing changed. */
    static void refusedEverywhere(Path bundle, String code, String field, String shown) throws Exception {
        String org = ContentFixtures.org();
        JsonPath report = check(org, bundle);
        assertThat(report.getBoolean("ok")).as(report.prettify()).isFalse();
        Map<String, Object> failed = report.<Map<String, Object>>getList("checks").stream()
                .filter(c -> "failed".equals(c.get("status"))).findFirst().orElseThrow();
        assertThat(failed.get("name")).as(report.prettify()).isEqualTo("manifest");
        assertThat(failed.get("code")).isEqualTo(code);
        assertThat((String) failed.get("message")).contains(field).contains(shown).doesNotContain("\u001b");
        start(org, body(bundle)).statusCode(422).body("code", is(code)).body("field", is(field));
        assertThat(state(org)).containsExactly(0L, 0L, 0L);
        try (Stream<Path> tmp = Files.list(TestDatabaseResource.dataDir().resolve("blobs/tmp"))) {
            assertThat(tmp.filter(p -> p.getFileName().toString().startsWith("import-")).toList()).isEmpty();
        }
    }

    @Test
    void aContentViewLabelMadeOfSlashesAndDotsIsRefused() throws Exception {
        Path b = edited(m -> cv(m).put("label", "../../../../tmp/ferry-escape"));
        refusedEverywhere(b, "FERRY-IMPORT-014", "scope.contentView.label", "../../../../tmp/ferry-escape");
        refusedEverywhere(edited(m -> cv(m).put("label", "custom")), "FERRY-IMPORT-014", "scope.contentView.label", "custom");
    }

    @Test
    void productAndRepositoryLabelsTheApiRefusesAreRefused() throws Exception {
        refusedEverywhere(edited(m -> ((ObjectNode) repo(m).get("product")).put("label", "../..")), "FERRY-IMPORT-014",
                "repositories[0].product.label", "../..");
        refusedEverywhere(edited(m -> repo(m).put("label", "has space")), "FERRY-IMPORT-014", "repositories[0].label",
                "has space");
        refusedEverywhere(edited(m -> repo(m).put("label", "12345")), "FERRY-IMPORT-014", "repositories[0].label", "12345");
    }

    @Test
    void unitPathsTheUploadRefusesAreRefused() throws Exception {
        refusedEverywhere(edited(m -> unit(m).put("relativePath", "PULP_MANIFEST")), "FERRY-IMPORT-014",
                "repositories[0].units[0]", "PULP_MANIFEST");
        refusedEverywhere(edited(m -> unit(m).put("relativePath", "a\u001b[31m/red")), "FERRY-IMPORT-014",
                "repositories[0].units[0].relativePath", "a\\x1b[31m/red");
        refusedEverywhere(edited(m -> unit(m).put("relativePath", "evil\u202Eosi.exe")), "FERRY-IMPORT-014",
                "repositories[0].units[0].relativePath", "<U+202E>");
    }

    @Test
    void aUnitPathListedTwiceIsRefusedByTheCheckNotFirstByTheTask() throws Exception {
        Path b = edited(m -> {
            ArrayNode units = (ArrayNode) repo(m).get("units");
            ObjectNode copy = units.get(1).deepCopy();
            copy.put("relativePath", units.get(0).get("relativePath").asText());
            units.add(copy);
            repo(m).put("unitCount", units.size());
        });
        refusedEverywhere(b, "FERRY-IMPORT-014", "repositories[0].units", "more than once");
    }

    @Test
    void metadataKeysAndValuesTheApiRefusesAreRefused() throws Exception {
        refusedEverywhere(edited(m -> unit(m).putObject("metadata").put("has space", "x")), "FERRY-IMPORT-014",
                "repositories[0].units[0].metadata", "has space");
        refusedEverywhere(edited(m -> unit(m).putObject("metadata").put("os", "rhel9\n\u001b[2Jowned")), "FERRY-IMPORT-014",
                "repositories[0].units[0].metadata.os", "rhel9\\x0a\\x1b[2Jowned");
    }

    @Test
    void versionNumbersOutsideTheRuleAreRefused() throws Exception {
        refusedEverywhere(edited(m -> cv(m).put("major", -1).put("version", "-1.0")), "FERRY-IMPORT-014",
                "scope.contentView.major", "-1.0");
        refusedEverywhere(edited(m -> cv(m).put("minor", 1L << 40)), "FERRY-IMPORT-014", "scope.contentView.major", "1.");
        refusedEverywhere(edited(m -> cv(m).put("major", "2")), "FERRY-IMPORT-014", "scope.contentView.major", "2");
    }

    @Test
    void namesDescriptionsAndHeaderValuesAreHeldToTheirRules() throws Exception {
        refusedEverywhere(edited(m -> repo(m).put("name", "\u001b]0;owned\u0007")), "FERRY-IMPORT-014",
                "repositories[0].name", "\\x1b]0;owned\\x07");
        refusedEverywhere(edited(m -> cv(m).put("description", "x".repeat(5000))), "FERRY-IMPORT-014",
                "scope.contentView.description", "5000");
        refusedEverywhere(edited(m -> ((ObjectNode) m.get("source")).put("serverName", "evil\nserver")), "FERRY-IMPORT-014",
                "source.serverName", "evil\\x0aserver");
        refusedEverywhere(edited(m -> ((ObjectNode) m.get("source")).put("serverId", "not-a-uuid")), "FERRY-IMPORT-014",
                "source.serverId", "not-a-uuid");
        refusedEverywhere(edited(m -> ((ObjectNode) m.get("export")).put("createdBy", "Robert'); drop")), "FERRY-IMPORT-014",
                "export.createdBy", "Robert");
        refusedEverywhere(edited(m -> ((ObjectNode) m.get("export")).put("destination", "../site")), "FERRY-IMPORT-014",
                "export.destination", "../site");
        refusedEverywhere(edited(m -> repo(m).put("contentType", "rpm\u0000")), "FERRY-IMPORT-014",
                "repositories[0].contentType", "rpm\\x00");
        refusedEverywhere(edited(m -> repo(m).put("version", -3)), "FERRY-IMPORT-014", "repositories[0].version", "-3");
        refusedEverywhere(edited(m -> repo(m).put("label", 7)), "FERRY-IMPORT-014", "repositories[0].label", "7");
    }

    static ObjectNode hop(ObjectNode m) {
        ObjectNode h = m.putArray("provenance").addObject();
        h.put("serverId", "7d0c5b0e-1111-4222-8333-944455556666").put("serverName", "alpha").put("exportId", 12)
                .put("exportedAt", "2026-11-30T10:00:00Z");
        return h;
    }

    @Test
    void provenanceHopsAreHeldToTheRulesOfTheirValues() throws Exception {
        refusedEverywhere(edited(m -> hop(m).put("serverName", "alpha[2J")), "FERRY-IMPORT-014",
                "provenance[0].serverName", "\\x1b[2J");
        refusedEverywhere(edited(m -> hop(m).put("serverId", "../../etc")), "FERRY-IMPORT-014", "provenance[0].serverId", "../../etc");
        refusedEverywhere(edited(m -> hop(m).put("exportId", -4)), "FERRY-IMPORT-014", "provenance[0].exportId", "-4");
        refusedEverywhere(edited(m -> {
            hop(m);
            for (int i = 0; i < 40; i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("provenance")).add(m.get("provenance").get(0).deepCopy());
            }
        }), "FERRY-IMPORT-014", "provenance", "41 servers");
    }

    @Test
    void aUnitWhoseSizeDisagreesWithTheBlobStoredHereIsRefused() throws Exception {
        pristine();
        String sha = pristine.source().expected().get("docs/readme.txt");
        byte[] data = pristine.source().files().get("docs/readme.txt");
        ContentFixtures.uploadOk(ContentFixtures.repo(), "elsewhere.txt", data); // the blob is now stored here
        Path b = edited(m -> {
            ArrayNode blobs = (ArrayNode) m.get("blobs");
            for (int i = 0; i < blobs.size(); i++) {
                if (blobs.get(i).get("sha256").asText().equals(sha)) {
                    blobs.remove(i);
                    break;
                }
            }
            for (var u : repo(m).get("units")) {
                if (u.get("sha256").asText().equals(sha)) {
                    ((ObjectNode) u).put("size", data.length + 1000);
                }
            }
        });
        Files.delete(b.resolve("blobs").resolve(sha));
        String org = ContentFixtures.org();
        // the edit breaks the signature too; with the policy off, the size rule is what refuses
        io.ferry.support.Api.asAdmin().contentType("application/json").body("{\"importSignaturePolicy\":\"off\"}")
                .put("/api/v1/organizations/" + org).then().statusCode(200);
        JsonPath report = check(org, b);
        assertThat(report.getString("checks.find { it.name == 'blobs-available' }.code")).as(report.prettify())
                .isEqualTo("FERRY-IMPORT-014");
        start(org, body(b)).statusCode(422).body("code", is("FERRY-IMPORT-014"));
        assertThat(state(org)).containsExactly(0L, 0L, 0L);
    }

    @Test
    void theUneditedCopyIsImportable() throws Exception {
        Path b = edited(m -> { });
        String org = ContentFixtures.org();
        JsonPath report = check(org, b);
        assertThat(report.getBoolean("ok")).as(report.prettify()).isTrue();
        assertThat(report.getList("checks.name")).containsAll(List.of("manifest", "labels", "free-space"));
    }
}
