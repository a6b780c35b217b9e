package io.ferry.content;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A removed file comes back from an earlier version (same bytes, same metadata) in a new version; paths the
 * version does not hold, versions that do not exist and empty requests are refused and change nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ContentRestoreTest {
    @Test
    void aRemovedUnitIsRestoredFromAnEarlierVersion() {
        Repo r = ContentFixtures.repo();
        byte[] a = bytes(4_000, 31);
        Api.asAdmin().contentType("application/octet-stream").body(a).queryParam("relativePath", "isos/a.iso")
                .queryParam("metadata", "os=rhel9").post(r.path() + "/content/upload").then().statusCode(201);
        ContentFixtures.uploadOk(r, "b.txt", bytes(100, 32));
        Api.asAdmin().contentType("application/json").body("{\"relativePaths\":[\"isos/a.iso\"]}")
                .post(r.path() + "/content/remove").then().statusCode(201).body("version.number", is(3));

        for (String bad : new String[] {"{\"version\":2,\"relativePaths\":[\"nope.iso\"]}", "{\"version\":99,\"relativePaths\":"
                + "[\"isos/a.iso\"]}", "{\"version\":2,\"relativePaths\":[]}", "{\"relativePaths\":[\"isos/a.iso\"]}",
            "{\"version\":-1,\"relativePaths\":[\"isos/a.iso\"]}", "{\"version\":1,\"relativePaths\":[\"b.txt\"]}"}) {
            int status = Api.asAdmin().contentType("application/json").body(bad).post(r.path() + "/content/restore").then()
                    .extract().statusCode();
            org.assertj.core.api.Assertions.assertThat(status).as(bad).isIn(404, 422);
        }
        Api.asAdmin().contentType("application/json").body("{\"version\":2,\"relativePaths\":[\"nope.iso\"]}")
                .post(r.path() + "/content/restore").then().statusCode(404).body("code", is("FERRY-CONTENT-003"));
        Api.asAdmin().contentType("application/json").body("{\"version\":99,\"relativePaths\":[\"isos/a.iso\"]}")
                .post(r.path() + "/content/restore").then().statusCode(404).body("code", is("FERRY-REPO-002"));
        Api.asAdmin().get(r.path()).then().body("latestVersion", is(3));

        Api.asAdmin().contentType("application/json").body("{\"version\":2,\"relativePaths\":[\"isos/a.iso\"]}")
                .post(r.path() + "/content/restore").then().statusCode(201).body("version.number", is(4))
                .body("version.addedCount", is(1)).body("version.unitCount", is(2));
        Api.asAdmin().get(r.path() + "/versions/4/units").then().statusCode(200)
                .body("items.relativePath", is(List.of("b.txt", "isos/a.iso"))).body("items[1].sha256", is(sha256(a)))
                .body("items[1].metadata.os", is("rhel9"));
        // restoring what the latest version already holds changes nothing
        Api.asAdmin().contentType("application/json").body("{\"version\":2,\"relativePaths\":[\"isos/a.iso\"]}")
                .post(r.path() + "/content/restore").then().statusCode(200).body("created", is(false));
    }
}
