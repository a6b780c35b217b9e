package io.ferry.serving;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ContentServingApiTest {

    @Test
    void filesAreServedWholeWithEtagLastModifiedAndHead() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(300_000, 11);
        uploadOk(r, "isos/alma 9,4.iso", data);
        String url = r.contentPath() + "isos/alma%209,4.iso";
        Response full = Api.asAdmin().urlEncodingEnabled(false).get(url);
        full.then().statusCode(200).header("ETag", "\"" + sha256(data) + "\"").header("Accept-Ranges", "bytes");
        assertThat(full.asByteArray()).isEqualTo(data);
        String lastModified = full.header("Last-Modified");
        assertThat(lastModified).as("IMF-fixdate, two-digit day").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(ContentCache.httpDate(java.time.OffsetDateTime.parse("2026-12-01T07:18:56Z"))).isEqualTo("Tue, 01 Dec 2026 07:18:56 GMT");
        Api.asAdmin().urlEncodingEnabled(false).head(url).then().statusCode(200).header("Content-Length", String.valueOf(data.length))
                .header("ETag", "\"" + sha256(data) + "\"");
        Api.asAdmin().urlEncodingEnabled(false).header("If-None-Match", "\"" + sha256(data) + "\"").get(url).then().statusCode(304);
        Api.asAdmin().urlEncodingEnabled(false).header("If-Modified-Since", lastModified).get(url).then().statusCode(304);
    }

    @Test
    void byteRangesAreServedAndUnsatisfiableOnesAre416() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(100_000, 12);
        uploadOk(r, "disk.vmdk", data);
        String url = r.contentPath() + "disk.vmdk";
        Response part = Api.asAdmin().header("Range", "bytes=1000-1999").get(url);
        part.then().statusCode(206).header("Content-Range", "bytes 1000-1999/100000");
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        Response tail = Api.asAdmin().header("Range", "bytes=-10").get(url);
        tail.then().statusCode(206).header("Content-Range", "bytes 99990-99999/100000");
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));
        Response open = Api.asAdmin().header("Range", "bytes=99000-").get(url);
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 99_000, 100_000));
        Api.asAdmin().header("Range", "bytes=200000-").get(url).then().statusCode(416).header("Content-Range", "bytes */100000")
                .body("code", is("FERRY-CONTENT-004"));
        Response stale = Api.asAdmin().header("Range", "bytes=0-9").header("If-Range", "\"other\"").get(url);
        stale.then().statusCode(200);
        assertThat(stale.asByteArray()).hasSize(100_000);
    }

    @Test
    void pulpManifestListsTheVersionsUnits() {
        Repo r = ContentFixtures.repo();
        byte[] a = bytes(10, 13);
        byte[] b = bytes(20, 14);
        uploadOk(r, "b/x.iso", b);
        uploadOk(r, "a.iso", a);
        String manifest = Api.asAdmin().get(r.contentPath() + "PULP_MANIFEST").then().statusCode(200).extract().asString();
        assertThat(manifest).isEqualTo("a.iso," + sha256(a) + ",10\nb/x.iso," + sha256(b) + ",20\n");
    }

    @Test
    void contentViewContentIsServedPerEnvironmentAndMissingThingsAre404() {
        Repo r = ContentFixtures.repo();
        byte[] v1 = bytes(64, 15);
        uploadOk(r, "f.bin", v1);
        String cv = ContentFixtures.unique("cv");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + cv + "\",\"repositories\":[\"" + r.product() + "/"
                + r.repo() + "\"]}").post("/api/v1/organizations/" + r.org() + "/content-views").then().statusCode(201);
        String t = Api.asAdmin().contentType("application/json").body("{}").post("/api/v1/organizations/" + r.org()
                + "/content-views/" + cv + "/publish").then().statusCode(202).extract().header("Location");
        io.ferry.support.Tasks.await(t, x -> "completed".equals(x.getString("state")));
        uploadOk(r, "f.bin", bytes(32, 16));
        String inLibrary = "/content/" + r.org() + "/Library/" + cv + "/" + r.repo() + "/f.bin";
        assertThat(Api.asAdmin().get(inLibrary).then().statusCode(200).extract().asByteArray()).isEqualTo(v1);
        Api.asAdmin().get("/content/" + r.org() + "/Library/" + cv + "/" + r.repo() + "/nope.bin").then().statusCode(404)
                .body("code", is("FERRY-CONTENT-003"));
        Api.asAdmin().get("/content/" + r.org() + "/Nowhere/" + cv + "/" + r.repo() + "/f.bin").then().statusCode(404)
                .body("code", is("FERRY-ENV-001"));
        Api.asAdmin().get(r.contentPath() + "../../etc/passwd").then().statusCode(404);
    }

    @Test
    void contentNeedsCredentialsByDefault() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "secret.iso", bytes(8, 17));
        ContentFixtures.anonymousGet(r.contentPath() + "secret.iso").then().statusCode(401).body("code", is("FERRY-AUTH-001"));
    }
}
