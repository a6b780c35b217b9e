package io.ferry.export;

import static io.ferry.export.ExportFixtures.createView;
import static io.ferry.export.ExportFixtures.cvScope;
import static io.ferry.export.ExportFixtures.exports;
import static io.ferry.export.ExportFixtures.publish;
import static io.ferry.export.ExportFixtures.start;
import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.uploadOk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tasks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Requests an export must refuse, each with its code and nothing written or recorded. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ExportRefusalsTest {

    static Path exportRoot() {
        return TestDatabaseResource.dataDir().resolve("exports");
    }

    record Setup(Repo repo, String cv) {
    }

    static Setup setup() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a.bin", bytes(1000, 1));
        String cv = createView(r);
        publish(r.org(), cv);
        return new Setup(r, cv);
    }

    static long recorded(String org) {
        return Api.asAdmin().get(exports(org)).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    static long filesUnder(Path p) throws Exception {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.count();
        }
    }

    @Test
    void badRequestsAreRefusedWithTheirCodesAndNothingIsWrittenOrRecorded() throws Exception {
        Setup s = setup();
        String org = s.repo().org();
        Path orgDir = exportRoot().resolve(org);
        long before = filesUnder(orgDir);
        start(org, "{\"scope\":" + cvScope("no-such-view", "1.0") + "}").statusCode(404).body("code", is("FERRY-CV-001"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "7.0") + "}").statusCode(404).body("code", is("FERRY-CV-002"));
        start(org, "{\"scope\":{\"kind\":\"repository\",\"product\":\"nope\",\"repository\":\"x\"}}").statusCode(404)
                .body("code", is("FERRY-PRODUCT-001"));
        start(org, "{\"scope\":{\"kind\":\"galaxy\"}}").statusCode(422).body("code", is("FERRY-EXPORT-006"));
        Api.asAdmin().contentType("application/json").body("{\"scope\":{\"kind\":\"library\"}}").post(exports("no-such-org"))
                .then().statusCode(404).body("code", is("FERRY-ORG-001"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"type\":\"incremental\"}").statusCode(409)
                .body("code", is("FERRY-EXPORT-002")).body("detail", containsString("No complete export of content view '" + s.cv()
                        + "' to destination 'default'"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"type\":\"incremental\",\"fromExport\":999999}").statusCode(409)
                .body("code", is("FERRY-EXPORT-002")).body("detail", containsString("999999"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"type\":\"incremental\",\"since\":\"2999-01-01\"}").statusCode(422)
                .body("code", is("FERRY-EXPORT-005")).body("detail", containsString("future"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"type\":\"incremental\",\"since\":\"last tuesday\"}").statusCode(422)
                .body("code", is("FERRY-EXPORT-005"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"path\":\"/etc/ferry-export\"}").statusCode(422)
                .body("code", is("FERRY-EXPORT-003")).body("detail", containsString("outside the allowed export roots"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"path\":\"" + exportRoot().resolve("../../escape") + "\"}")
                .statusCode(422).body("code", is("FERRY-EXPORT-003"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"path\":\"relative/dir\"}").statusCode(422)
                .body("code", is("FERRY-EXPORT-003"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"format\":\"tgz\",\"volumeSize\":\"1048575\"}").statusCode(422)
                .body("code", is("FERRY-EXPORT-004")).body("detail", containsString("1 MiB"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"format\":\"iso\",\"volumeSize\":\"500KiB\"}").statusCode(422)
                .body("code", is("FERRY-EXPORT-004"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"format\":\"zip\"}").statusCode(422).body("code", is("FERRY-COMMON-001"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"compression\":\"extreme\"}").statusCode(422)
                .body("code", is("FERRY-COMMON-001"));
        start(org, "{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"format\":\"dir\",\"volumeSize\":\"dvd\"}").statusCode(422)
                .body("code", is("FERRY-COMMON-001"));
        Api.asAdmin().contentType("application/json").body("{\"scope\":" + cvScope(s.cv(), "1.0") + ",\"format\":\"iso\"}")
                .post(exports(org) + "/stream").then().statusCode(422).body("code", is("FERRY-EXPORT-008"));
        assertThat(recorded(org)).isZero();
        assertThat(filesUnder(orgDir)).isEqualTo(before);
    }

    @Test
    void aUserWithoutExportPermissionIsRefusedAndNothingIsWritten() throws Exception {
        Setup s = setup();
        String name = "viewer" + (System.nanoTime() % 100000);
        Api.asAdmin().contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"a-long-enough-password\",\"admin\":false}")
                .post("/api/v1/users").then().statusCode(201);
        for (String path : new String[] {"", "/plan", "/stream"}) {
            given().auth().preemptive().basic(name, "a-long-enough-password").contentType("application/json")
                    .body("{\"scope\":" + cvScope(s.cv(), "1.0") + "}").post(exports(s.repo().org()) + path).then().statusCode(403)
                    .body("code", is("FERRY-AUTH-005")).body("detail", containsString("export_content"));
        }
        given().auth().preemptive().basic(name, "a-long-enough-password").get(exports(s.repo().org())).then().statusCode(403);
        assertThat(recorded(s.repo().org())).isZero();
        assertThat(filesUnder(exportRoot().resolve(s.repo().org()))).isZero();
    }

    @Test
    void canceledExportLeavesNoFilesAndIsRecordedAsCanceled() throws Exception {
        Repo r = ContentFixtures.repo();
        for (int i = 0; i < 6; i++) { // best compression of text: seconds of work per file, canceled after the first bytes
            uploadOk(r, "logs/part-" + i + ".log", ExportApiTest.text(10_000_000, 3 + i * 1_000_000));
        }
        String cv = createView(r);
        publish(r.org(), cv);
        String location = start(r.org(), "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"tgz\",\"compression\":\"best\"}")
                .statusCode(202).extract().header("Location");
        Tasks.await(location, t -> t.getLong("progress.bytesDone") > 0 || !"running".equals(t.getString("state"))
                && !"waiting".equals(t.getString("state")));
        Api.asAdmin().post(location + "/cancel").then().statusCode(org.hamcrest.Matchers.anyOf(is(200), is(202)));
        JsonPath end = Tasks.awaitEnd(location);
        assertThat(end.getString("state")).isEqualTo("canceled");
        JsonPath list = Api.asAdmin().get(exports(r.org())).then().statusCode(200).extract().jsonPath();
        assertThat(list.getString("items[0].status")).isEqualTo("canceled");
        Path target = Path.of(list.getString("items[0].location"));
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(target.resolveSibling(target.getFileName() + ".partial"))).isFalse();
        try (Stream<Path> files = Files.walk(exportRoot().resolve(r.org()))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
