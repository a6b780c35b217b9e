package io.ferry.content;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.repoView;
import static io.ferry.support.ContentFixtures.sha256;
import static io.ferry.support.ContentFixtures.upload;
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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ContentApiTest {

    @Test
    void organizationGetsLibraryAndLabelsAreUnique() {
        String org = ContentFixtures.org();
        Api.asAdmin().get("/api/v1/organizations/" + org + "/lifecycle-environments").then().statusCode(200)
                .body("label", is(List.of("Library"))).body("[0].library", is(true));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"again\",\"label\":\"" + org + "\"}")
                .post("/api/v1/organizations").then().statusCode(409).contentType("application/problem+json")
                .body("code", is("FERRY-COMMON-008")).body("field", is("label"));
        Api.asAdmin().get("/api/v1/organizations/" + org).then().statusCode(200).body("name", is("Org " + org));
    }

    @Test
    void duplicateProductAndRepositoryLabelsAre409AndChangeNothing() {
        Repo r = ContentFixtures.repo();
        Api.asAdmin().contentType("application/json").body("{\"name\":\"other\",\"label\":\"" + r.product() + "\"}")
                .post("/api/v1/organizations/" + r.org() + "/products").then().statusCode(409).body("code", is("FERRY-COMMON-008"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"other\",\"label\":\"" + r.repo() + "\"}")
                .post("/api/v1/organizations/" + r.org() + "/products/" + r.product() + "/repositories").then().statusCode(409)
                .body("code", is("FERRY-COMMON-008"));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/products").then().body("total", is(1));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/products/" + r.product() + "/repositories").then()
                .body("total", is(1)).body("items[0].name", is("R"));
    }

    @Test
    void unknownOrganizationProductRepositoryAre404WithTheirCodes() {
        Repo r = ContentFixtures.repo();
        Api.asAdmin().get("/api/v1/organizations/no-such-org/products").then().statusCode(404).body("code", is("FERRY-ORG-001"));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/products/nope/repositories").then().statusCode(404)
                .body("code", is("FERRY-PRODUCT-001"));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/products/" + r.product() + "/repositories/nope").then()
                .statusCode(404).body("code", is("FERRY-REPO-001"));
        upload(new Repo(r.org(), r.product(), "nope"), "a.txt", new byte[] {1}, null).then().statusCode(404)
                .body("code", is("FERRY-REPO-001"));
    }

    @Test
    void aUniqueNameWorksWhereALabelDoesAndATakenOneIsAmbiguous() {
        String label = ContentFixtures.unique("named");
        String name = "Named Corp " + label;
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\",\"label\":\"" + label + "\"}")
                .post("/api/v1/organizations").then().statusCode(201);
        Api.asAdmin().get("/api/v1/organizations/" + name).then().statusCode(200).body("label", is(label));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"Images Product\",\"label\":\"images\"}")
                .post("/api/v1/organizations/" + label + "/products").then().statusCode(201);
        Api.asAdmin().get("/api/v1/organizations/" + name + "/products/Images Product").then().statusCode(200)
                .body("label", is("images"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"Images Product\",\"label\":\"images2\"}")
                .post("/api/v1/organizations/" + label + "/products").then().statusCode(201);
        Api.asAdmin().get("/api/v1/organizations/" + label + "/products/Images Product").then().statusCode(409)
                .body("code", is("FERRY-COMMON-007")).body("detail", containsString("use its label or id"));
        Api.asAdmin().get("/api/v1/organizations/" + label + "/products/images2").then().statusCode(200);
    }

    @Test
    void entitiesAreReachableByIdAsWellAsLabel() {
        Repo r = ContentFixtures.repo();
        JsonPath v = repoView(r);
        Api.asAdmin().get("/api/v1/organizations/" + v.getLong("organization.id") + "/products/" + v.getLong("product.id")
                + "/repositories/" + v.getLong("id")).then().statusCode(200).body("label", is(r.repo()));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"x\",\"label\":\"12345\"}").post("/api/v1/organizations")
                .then().statusCode(422).body("field", is("label"));
    }

    @Test
    void everyChangeMakesANumberedVersionThatCanBeListedShownAndCompared() {
        Repo r = ContentFixtures.repo();
        byte[] a = bytes(10_000, 1);
        byte[] b = bytes(20_000, 2);
        assertThat(uploadOk(r, "isos/a.iso", a).getInt("version.number")).isEqualTo(1);
        JsonPath v2 = uploadOk(r, "templates/web/b.vmdk", b);
        assertThat(v2.getInt("version.number")).isEqualTo(2);
        assertThat(v2.getLong("version.unitCount")).isEqualTo(2);
        assertThat(v2.getLong("version.totalSize")).isEqualTo(30_000);
        byte[] a2 = bytes(5_000, 3);
        JsonPath v3 = uploadOk(r, "isos/a.iso", a2);
        assertThat(v3.getLong("version.addedCount")).isEqualTo(1);
        assertThat(v3.getLong("version.removedCount")).isEqualTo(1);
        assertThat(v3.getLong("version.totalSize")).isEqualTo(25_000);
        JsonPath same = upload(r, "isos/a.iso", a2, null).then().statusCode(200).extract().jsonPath();
        assertThat(same.getBoolean("created")).isFalse();
        assertThat(same.getInt("version.number")).isEqualTo(3);

        Api.asAdmin().contentType("application/json").body("{\"relativePaths\":[\"templates/web/b.vmdk\"]}")
                .post(r.path() + "/content/remove").then().statusCode(201).body("version.number", is(4))
                .body("version.unitCount", is(1));
        Api.asAdmin().get(r.path() + "/versions").then().statusCode(200).body("total", is(5))
                .body("items.number", is(List.of(4, 3, 2, 1, 0)));
        Api.asAdmin().get(r.path() + "/versions/2/units").then().statusCode(200)
                .body("items.relativePath", is(List.of("isos/a.iso", "templates/web/b.vmdk")))
                .body("items[0].sha256", is(sha256(a))).body("items[1].details.fileName", is("b.vmdk"));
        Api.asAdmin().get(r.path() + "/versions/4/units?prefix=templates/").then().body("total", is(0));
        JsonPath diff = Api.asAdmin().get(r.path() + "/versions/4/compare/2").then().statusCode(200).extract().jsonPath();
        assertThat(diff.getList("items.change")).containsExactly("added", "removed", "removed");
        assertThat(diff.getString("items[0].sha256")).isEqualTo(sha256(a2));
        assertThat(diff.getList("items.relativePath")).containsExactly("isos/a.iso", "isos/a.iso", "templates/web/b.vmdk");
        JsonPath back = Api.asAdmin().get(r.path() + "/versions/2/compare/4").then().statusCode(200).extract().jsonPath();
        assertThat(back.getList("items.change")).containsExactlyInAnyOrder("removed", "added", "added");
        Api.asAdmin().get(r.path() + "/versions/9").then().statusCode(404).body("code", is("FERRY-REPO-002"));
    }

    @Test
    void metadataTagsAreKeptAndValidated() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(100, 4);
        Api.asAdmin().contentType("application/octet-stream").body(data).queryParam("relativePath", "c.qcow2")
                .queryParam("metadata", "os=rhel9").queryParam("metadata", "arch=x86_64").post(r.path() + "/content/upload")
                .then().statusCode(201);
        Api.asAdmin().get(r.path() + "/versions/1/units").then().body("items[0].metadata.os", is("rhel9"))
                .body("items[0].metadata.arch", is("x86_64"));
        Api.asAdmin().contentType("application/octet-stream").body(data).queryParam("relativePath", "d.qcow2")
                .queryParam("metadata", "no-equals-sign").post(r.path() + "/content/upload")
                .then().statusCode(422).body("code", is("FERRY-CONTENT-002"));
        assertThat(repoView(r).getInt("latestVersion")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a\\b", "a\u0000b", "a//b", "a/", "./a", "", "PULP_MANIFEST"})
    void escapingOrMalformedRelativePathsAre422AndStoreNothing(String path) throws Exception {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(777, path.hashCode());
        upload(r, path, data, null).then().statusCode(422).contentType("application/problem+json")
                .body("code", is("FERRY-CONTENT-001")).body("field", is("relativePath"));
        assertThat(repoView(r).getInt("latestVersion")).isZero();
        assertThat(Files.exists(blob(sha256(data)))).isFalse();
    }

    @Test
    void wrongExpectedSha256Is422AndStoresNothing() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(4096, 5);
        String wrong = sha256(new byte[] {9});
        upload(r, "x.iso", data, wrong).then().statusCode(422).body("code", is("FERRY-STORAGE-001")).body("field", is("sha256"));
        assertThat(repoView(r).getInt("latestVersion")).isZero();
        assertThat(Files.exists(blob(sha256(data)))).isFalse();
    }

    @Test
    void removingAPathTheRepositoryDoesNotHoldIs404AndChangesNothing() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "kept.txt", bytes(10, 6));
        Api.asAdmin().contentType("application/json").body("{\"relativePaths\":[\"kept.txt\",\"missing.txt\"]}")
                .post(r.path() + "/content/remove").then().statusCode(404).body("code", is("FERRY-CONTENT-003"));
        assertThat(repoView(r).getInt("latestVersion")).isEqualTo(1);
        assertThat(repoView(r).getLong("unitCount")).isEqualTo(1);
    }

    @Test
    void aRepositoryPinnedByAContentViewVersionCannotBeDeleted() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a", bytes(10, 7));
        String cv = ContentFixtures.unique("cv");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + cv + "\",\"repositories\":[\"" + r.product() + "/"
                + r.repo() + "\"]}").post("/api/v1/organizations/" + r.org() + "/content-views").then().statusCode(201);
        String task = Api.asAdmin().contentType("application/json").body("{}")
                .post("/api/v1/organizations/" + r.org() + "/content-views/" + cv + "/publish").then().statusCode(202)
                .extract().header("Location");
        io.ferry.support.Tasks.await(task, t -> "completed".equals(t.getString("state")));
        Api.asAdmin().delete(r.path()).then().statusCode(409).body("code", is("FERRY-REPO-003"));
        Api.asAdmin().delete("/api/v1/organizations/" + r.org() + "/products/" + r.product()).then().statusCode(409)
                .body("code", is("FERRY-REPO-003"));
        repoView(r);
    }

    @Test
    void aTruncatedUploadBodyStoresNothingAndMakesNoVersion() throws Exception {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(200_000, 8);
        String auth = java.util.Base64.getEncoder().encodeToString(("admin:" + Api.adminPassword()).getBytes());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            var out = socket.getOutputStream();
            out.write(("POST " + r.path() + "/content/upload?relativePath=cut.iso HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Basic " + auth + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + data.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(data, 0, data.length / 2);
            out.flush();
        }
        Path tmp = TestDatabaseResource.dataDir().resolve("blobs/tmp");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && hasFiles(tmp)) {
            Thread.sleep(50);
        }
        assertThat(hasFiles(tmp)).as("temp file removed").isFalse();
        assertThat(repoView(r).getInt("latestVersion")).isZero();
        assertThat(Files.exists(blob(sha256(java.util.Arrays.copyOf(data, data.length / 2))))).isFalse();
    }

    static boolean hasFiles(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    static Path blob(String sha) {
        return TestDatabaseResource.dataDir().resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
    }
}
