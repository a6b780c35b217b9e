package io.ferry.upload;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.repoView;
import static io.ferry.support.ContentFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class UploadApiTest {

    @Test
    void uploadIdsThatAreNotUuidsNeverReachAFile() throws Exception {
        java.nio.file.Path uploads = io.ferry.support.TestDatabaseResource.dataDir().resolve("uploads");
        long before = java.nio.file.Files.exists(uploads) ? java.nio.file.Files.list(uploads).count() : 0;
        for (String bad : new String[] {"..%2F..%2Fadmin-password", "..", "%2e%2e%2f%2e%2e%2fpostgres", "x".repeat(300)}) {
            int put = Api.asAdmin().urlEncodingEnabled(false).contentType("application/octet-stream").body(new byte[] {1})
                    .put("/api/v1/uploads/" + bad).then().extract().statusCode();
            org.assertj.core.api.Assertions.assertThat(put).as(bad).isBetween(400, 499);
            int get = Api.asAdmin().urlEncodingEnabled(false).get("/api/v1/uploads/" + bad).then().extract().statusCode();
            org.assertj.core.api.Assertions.assertThat(get).as(bad).isBetween(400, 499);
        }
        long after = java.nio.file.Files.exists(uploads) ? java.nio.file.Files.list(uploads).count() : 0;
        org.assertj.core.api.Assertions.assertThat(after).isEqualTo(before);
    }

    @Test
    void chunkedUploadResumesFromItsOffsetAndIsAddedWithItsChecksum() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(250_000, 21);
        String id = create(data.length);
        chunk(id, data, 0, 100_000).then().statusCode(200).body("offset", is(100_000)).body("complete", is(false));
        chunk(id, data, 50_000, 150_000).then().statusCode(409).body("code", is("FERRY-UPLOAD-002"))
                .body("detail", org.hamcrest.Matchers.containsString("offset 100000"));
        Api.asAdmin().get("/api/v1/uploads/" + id).then().statusCode(200).body("offset", is(100_000));
        Api.asAdmin().contentType("application/json").body("{\"upload\":\"" + id + "\",\"relativePath\":\"big.iso\"}")
                .post(ContentFixtures.repo().path() + "/content").then().statusCode(409).body("code", is("FERRY-UPLOAD-003"));
        chunk(id, data, 100_000, 250_000).then().statusCode(200).body("complete", is(true));
        Api.asAdmin().contentType("application/json").body("{\"upload\":\"" + id + "\",\"relativePath\":\"big.iso\",\"sha256\":\""
                + sha256(data) + "\",\"metadata\":{\"os\":\"alma9\"}}").post(r.path() + "/content").then().statusCode(201)
                .body("version.number", is(1));
        Api.asAdmin().get("/api/v1/uploads/" + id).then().statusCode(404).body("code", is("FERRY-UPLOAD-001"));
        assertThat(Api.asAdmin().get(r.contentPath() + "big.iso").asByteArray()).isEqualTo(data);
        Api.asAdmin().get(r.path() + "/versions/1/units").then().body("items[0].metadata.os", is("alma9"));
    }

    @Test
    void aChunkBeyondTheAnnouncedSizeIsRefusedAndKeepsNothing() {
        byte[] data = bytes(1000, 22);
        String id = create(500);
        Api.asAdmin().contentType("application/octet-stream").header("Content-Range", "bytes 0-999/500").body(data)
                .put("/api/v1/uploads/" + id).then().statusCode(413).body("code", is("FERRY-UPLOAD-004"));
        chunk(id, data, 0, 1000).then().statusCode(400).body("field", is("Content-Range"));
        Api.asAdmin().contentType("application/octet-stream").header("Content-Range", "bytes 0-99/500").body(Arrays.copyOf(data, 200))
                .put("/api/v1/uploads/" + id).then().statusCode(413).body("code", is("FERRY-UPLOAD-004"));
        Api.asAdmin().get("/api/v1/uploads/" + id).then().body("offset", is(0));
        Api.asAdmin().contentType("application/octet-stream").body(data).put("/api/v1/uploads/" + id).then().statusCode(400)
                .body("field", is("Content-Range"));
    }

    @Test
    void aWrongChecksumKeepsTheUploadAndChangesNothing() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(3000, 23);
        String id = create(data.length);
        chunk(id, data, 0, data.length).then().statusCode(200);
        Api.asAdmin().contentType("application/json").body("{\"upload\":\"" + id + "\",\"relativePath\":\"x.iso\",\"sha256\":\""
                + sha256(new byte[1]) + "\"}").post(r.path() + "/content").then().statusCode(422).body("code", is("FERRY-STORAGE-001"));
        assertThat(repoView(r).getInt("latestVersion")).isZero();
        Api.asAdmin().get("/api/v1/uploads/" + id).then().statusCode(200).body("complete", is(true));
        Api.asAdmin().contentType("application/json").body("{\"upload\":\"" + id + "\",\"relativePath\":\"../x.iso\"}")
                .post(r.path() + "/content").then().statusCode(422).body("code", is("FERRY-CONTENT-001"));
        Api.asAdmin().delete("/api/v1/uploads/" + id).then().statusCode(204);
    }

    @Test
    void aStoredBlobCanBeAddedByChecksumAndAnUnknownOneIs404() {
        Repo a = ContentFixtures.repo();
        byte[] data = bytes(512, 24);
        ContentFixtures.uploadOk(a, "one.iso", data);
        Repo b = ContentFixtures.repo();
        Api.asAdmin().contentType("application/json").body("{\"sha256\":\"" + sha256(data) + "\",\"relativePath\":\"copy.iso\"}")
                .post(b.path() + "/content").then().statusCode(201).body("version.totalSize", is(512));
        Api.asAdmin().contentType("application/json").body("{\"sha256\":\"" + sha256(new byte[3]) + "\",\"relativePath\":\"no.iso\"}")
                .post(b.path() + "/content").then().statusCode(404).body("code", is("FERRY-STORAGE-002"));
        assertThat(repoView(b).getInt("latestVersion")).isEqualTo(1);
    }

    static String create(long size) {
        return Api.asAdmin().contentType("application/json").body("{\"size\":" + size + "}").post("/api/v1/uploads").then()
                .statusCode(201).extract().path("id");
    }

    static io.restassured.response.Response chunk(String id, byte[] data, int from, int to) {
        return Api.asAdmin().contentType("application/octet-stream")
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + data.length)
                .body(Arrays.copyOfRange(data, from, to)).put("/api/v1/uploads/" + id);
    }
}
