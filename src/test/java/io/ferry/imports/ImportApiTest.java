package io.ferry.imports;

import static io.ferry.export.ExportFixtures.export;
import static io.ferry.imports.ImportFixtures.body;
import static io.ferry.imports.ImportFixtures.check;
import static io.ferry.imports.ImportFixtures.forget;
import static io.ferry.imports.ImportFixtures.importOk;
import static io.ferry.imports.ImportFixtures.imports;
import static io.ferry.imports.ImportFixtures.start;
import static io.ferry.imports.ImportFixtures.state;
import static io.ferry.imports.ImportFixtures.units;
import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Imports through the API into organizations of the same server. The blobs of each bundle are removed
 * from the store before importing, so every import really streams, verifies and stores them.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ImportApiTest {
    record Source(Repo repo, String cv, Map<String, byte[]> files) {
        Map<String, String> expected() {
            Map<String, String> m = new LinkedHashMap<>();
            files.forEach((p, d) -> m.put(p, sha256(d)));
            return m;
        }
    }

    static final java.util.concurrent.atomic.AtomicLong SEED = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    /** A published content view of three files, one large enough to be split across 1 MiB volumes. */
    static Source source() {
        Repo r = ContentFixtures.repo();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("images/a.iso", bytes(300_000, SEED.incrementAndGet()));
        files.put("docs/readme.txt", ("readme " + SEED.incrementAndGet()).getBytes());
        files.put("images/big.img", bytes(2_500_000, SEED.incrementAndGet()));
        files.forEach((path, data) -> uploadOk(r, path, data));
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        return new Source(r, cv, files);
    }

    static String cvExport(String cv, String version, String format, String extra) {
        return "{\"scope\":" + io.ferry.export.ExportFixtures.cvScope(cv, version) + ",\"format\":\"" + format + "\"" + extra + "}";
    }

    @Test
    void everyFormatImportsIntoAFreshOrganizationWithTheSameUnitsAndBytes() throws Exception {
        Source s = source();
        JsonPath dir = export(s.repo().org(), cvExport(s.cv(), "1.0", "dir", ",\"link\":false"));
        JsonPath tgz = export(s.repo().org(), cvExport(s.cv(), "1.0", "tgz", ""));
        JsonPath iso = export(s.repo().org(), cvExport(s.cv(), "1.0", "iso", ",\"volumeSize\":\"1MiB\""));
        assertThat(iso.getList("volumes").size()).as("the big file spans volumes").isGreaterThan(2);
        for (JsonPath e : List.of(dir, tgz, iso)) {
            forget(s.expected().values());
            String org = ContentFixtures.org();
            JsonPath task = importOk(org, Path.of(e.getString("location")));
            assertThat(task.getLong("result.blobsStored")).as(e.getString("format")).isEqualTo(3);
            assertThat(task.getString("result.version")).isEqualTo("1.0");
            assertThat(units(org, s.cv(), "1.0")).isEqualTo(s.expected());
            for (Map.Entry<String, byte[]> f : s.files().entrySet()) {
                byte[] served = Api.asAdmin().get("/content/" + org + "/Library/" + s.cv() + "/" + s.repo().repo() + "/" + f.getKey())
                        .then().statusCode(200).extract().asByteArray();
                assertThat(sha256(served)).as(f.getKey()).isEqualTo(sha256(f.getValue()));
            }
            JsonPath cv = Api.asAdmin().get("/api/v1/organizations/" + org + "/content-views/" + s.cv()).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(cv.getBoolean("importOnly")).isTrue();
            JsonPath history = Api.asAdmin().get(imports(org) + "/" + task.getLong("result.importId")).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(history.getString("status")).isEqualTo("succeeded");
            assertThat(history.getLong("sourceExportId")).isEqualTo(e.getLong("id"));
            assertThat(history.getString("manifestSha256")).isEqualTo(e.getString("manifestSha256"));
            assertThat(history.getString("scopeKind")).isEqualTo("content_view_version");
            assertThat(history.getString("createdBy")).isEqualTo("admin");
            assertThat(history.getString("sourceServerId")).isNotBlank();
            assertThat(history.getString("finishedAt")).isNotBlank();
        }
    }

    @Test
    void theSameExportTwiceIsANoOpWithAClearMessage() {
        Source s = source();
        JsonPath tgz = export(s.repo().org(), cvExport(s.cv(), "1.0", "tgz", ""));
        String org = ContentFixtures.org();
        Path location = Path.of(tgz.getString("location"));
        long first = importOk(org, location).getLong("result.importId");
        start(org, body(location)).statusCode(200).body("outcome", is("already-imported"))
                .body("message", containsString("nothing to do")).body("previous.id", is((int) first));
        assertThat(Api.asAdmin().get("/api/v1/organizations/" + org + "/content-views/" + s.cv() + "/versions").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(1);
        JsonPath c = check(org, location);
        assertThat(c.getLong("alreadyImportedAs")).isEqualTo(first);
    }

    @Test
    void anIncrementalNeedsItsBaseAndThenMatchesTheSource() {
        Source s = source();
        JsonPath full = export(s.repo().org(), cvExport(s.cv(), "1.0", "tgz", ",\"destination\":\"site-b\""));
        byte[] added = bytes(123_456, SEED.incrementAndGet());
        uploadOk(s.repo(), "images/new.img", added);
        ContentFixtures.publish(s.repo().org(), s.cv());
        JsonPath inc = export(s.repo().org(), cvExport(s.cv(), "2.0", "tgz", ",\"type\":\"incremental\",\"destination\":\"site-b\""));
        assertThat(inc.getLong("base.exportId")).isEqualTo(full.getLong("id"));

        String fresh = ContentFixtures.org();
        Path incPath = Path.of(inc.getString("location"));
        start(fresh, body(incPath)).statusCode(409).body("code", is("FERRY-IMPORT-011"))
                .body("detail", containsString("base export " + full.getLong("id")));
        JsonPath c = check(fresh, incPath);
        assertThat(c.getBoolean("ok")).isFalse();
        assertThat(c.getString("checks.find { it.name == 'base' }.status")).isEqualTo("failed");
        assertThat(state(fresh)).containsExactly(0L, 0L, 0L);

        importOk(fresh, Path.of(full.getString("location")));
        JsonPath t = importOk(fresh, incPath);
        assertThat(t.getLong("result.blobsStored") + t.getLong("result.blobsAlreadyPresent")).isEqualTo(1);
        Map<String, String> expected = new LinkedHashMap<>(s.expected());
        expected.put("images/new.img", sha256(added));
        assertThat(units(fresh, s.cv(), "2.0")).isEqualTo(expected);
        assertThat(units(fresh, s.cv(), "1.0")).isEqualTo(s.expected());
    }

    @Test
    void theCheckOfABundleWithAVolumeRemovedNamesThatVolume() throws Exception {
        Source s = source();
        JsonPath iso = export(s.repo().org(), cvExport(s.cv(), "1.0", "iso", ",\"volumeSize\":\"1MiB\""));
        Path from = Path.of(iso.getString("location"));
        Path carried = ImportFixtures.scratch("missing-");
        String removed = iso.getString("volumes[1].name");
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(removed)) {
                    Files.copy(f, carried.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        String org = ContentFixtures.org();
        JsonPath c = check(org, carried);
        assertThat(c.getBoolean("ok")).isFalse();
        assertThat(c.getString("checks.find { it.name == 'volumes-present' }.status")).isEqualTo("failed");
        assertThat(c.getString("checks.find { it.name == 'volumes-present' }.message")).contains("2 (" + removed + ")");
        assertThat(c.getString("checks.find { it.name == 'volume-checksums' }.status")).isEqualTo("ok");
        start(org, body(carried)).statusCode(422).body("code", is("FERRY-IMPORT-005")).body("detail", containsString(removed));
        assertThat(state(org)).containsExactly(0L, 0L, 0L);

        Files.copy(from.resolve(removed), carried.resolve(removed));
        JsonPath ok = check(org, carried);
        assertThat(ok.getBoolean("ok")).as(ok.prettify()).isTrue();
        assertThat(ok.getInt("bundle.volumes")).isEqualTo(iso.getList("volumes").size());
    }

    @Test
    void libraryAndRepositoryBundlesLandAsRepositoryVersions() {
        Source s = source();
        JsonPath lib = export(s.repo().org(), "{\"scope\":{\"kind\":\"library\"},\"format\":\"tgz\"}");
        JsonPath repo = export(s.repo().org(), "{\"scope\":{\"kind\":\"repository\",\"product\":\"" + s.repo().product()
                + "\",\"repository\":\"" + s.repo().repo() + "\"},\"format\":\"dir\"}");
        String org = ContentFixtures.org();
        start(org, "{\"path\":\"" + lib.getString("location") + "\",\"kind\":\"version\"}").statusCode(422)
                .body("code", is("FERRY-IMPORT-013"));
        JsonPath t = run(org, "{\"path\":\"" + lib.getString("location") + "\",\"kind\":\"library\"}");
        assertThat(t.getList("result.repositories")).hasSize(1);
        assertThat(t.getInt("result.repositories[0].version")).isEqualTo(1);
        String repoPath = "/api/v1/organizations/" + org + "/products/" + s.repo().product() + "/repositories/" + s.repo().repo();
        assertThat(Api.asAdmin().get(repoPath).then().statusCode(200).extract().jsonPath().getInt("latestVersion")).isEqualTo(1);

        JsonPath again = run(org, "{\"path\":\"" + repo.getString("location") + "\",\"kind\":\"repository\"}");
        assertThat(again.getBoolean("result.repositories[0].changed")).as("same content: no new version").isFalse();
        Map<String, String> served = new LinkedHashMap<>();
        for (String path : s.files().keySet()) {
            served.put(path, sha256(Api.asAdmin().get("/content/" + org + "/Library/custom/" + s.repo().product() + "/"
                    + s.repo().repo() + "/" + path).then().statusCode(200).extract().asByteArray()));
        }
        assertThat(served).isEqualTo(s.expected());
    }

    static JsonPath run(String org, String body) {
        JsonPath t = ImportFixtures.run(org, body);
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        return t;
    }

    @Test
    void anImportedVersionCanBePromotedOnTheWayIn() {
        Source s = source();
        JsonPath tgz = export(s.repo().org(), cvExport(s.cv(), "1.0", "tgz", ""));
        String org = ContentFixtures.org();
        Api.asAdmin().contentType("application/json").body("{\"name\":\"Dev\",\"label\":\"dev\",\"prior\":\"Library\"}")
                .post("/api/v1/organizations/" + org + "/lifecycle-environments").then().statusCode(201);
        JsonPath t = run(org, "{\"path\":\"" + tgz.getString("location") + "\",\"promoteTo\":[\"dev\"]}");
        assertThat(t.getList("result.promotedTo")).containsExactly("dev");
        String f = s.files().keySet().iterator().next();
        Api.asAdmin().get("/content/" + org + "/dev/" + s.cv() + "/" + s.repo().repo() + "/" + f).then().statusCode(200);
        start(org, "{\"path\":\"" + tgz.getString("location") + "\",\"promoteTo\":[\"nope\"]}").statusCode(404);
    }

    @Test
    void labelsTakenByOtherThingsAreConflictsAndNothingChanges() {
        Source s = source();
        JsonPath tgz = export(s.repo().org(), cvExport(s.cv(), "1.0", "tgz", ""));
        String org = ContentFixtures.org();
        Repo other = ContentFixtures.repo(org);
        Api.asAdmin().contentType("application/json").body("{\"name\":\"x\",\"label\":\"" + s.cv() + "\",\"repositories\":[\""
                + other.product() + "/" + other.repo() + "\"]}").post("/api/v1/organizations/" + org + "/content-views").then()
                .statusCode(201);
        List<Long> before = state(org);
        start(org, body(Path.of(tgz.getString("location")))).statusCode(409).body("code", is("FERRY-IMPORT-012"))
                .body("detail", containsString("not import-only"));
        JsonPath c = check(org, Path.of(tgz.getString("location")));
        assertThat(c.getString("checks.find { it.name == 'labels' }.code")).isEqualTo("FERRY-IMPORT-012");
        assertThat(state(org)).isEqualTo(before);
    }

    @Test
    void importingNeedsImportContentAndPathsMustBeAllowed() {
        String org = ContentFixtures.org();
        String user = ContentFixtures.unique("viewer");
        Api.asAdmin().contentType("application/json").body("{\"username\":\"" + user + "\",\"password\":\"secret-password-1\"}")
                .post("/api/v1/users").then().statusCode(201);
        io.restassured.RestAssured.given().auth().preemptive().basic(user, "secret-password-1").contentType("application/json")
                .body(body(Path.of("/tmp"))).post(imports(org)).then().statusCode(403).body("code", is("FERRY-AUTH-005"));
        start(org, body(Path.of("/etc"))).statusCode(422).body("code", is("FERRY-IMPORT-002"))
                .body("detail", containsString("allowed import roots"));
        start(org, "{\"path\":\"relative/dir\"}").statusCode(422).body("code", is("FERRY-IMPORT-002"));
        Path inside = ImportFixtures.scratch("escape-");
        start(org, body(Path.of(inside + "/../../../../../../etc"))).statusCode(422).body("code", is("FERRY-IMPORT-002"));
        try {
            java.nio.file.Files.createSymbolicLink(inside.resolve("link"), Path.of("/etc"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        start(org, body(inside.resolve("link"))).statusCode(422).body("code", is("FERRY-IMPORT-002"))
                .body("detail", containsString("allowed import roots"));
        Api.asAdmin().get(imports(org) + "/999999").then().statusCode(404).body("code", is("FERRY-IMPORT-001"));
        assertThat(Api.asAdmin().get(imports(org)).then().statusCode(200).extract().jsonPath().getLong("total")).isZero();
    }
}
