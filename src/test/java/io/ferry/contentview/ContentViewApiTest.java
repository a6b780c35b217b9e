package io.ferry.contentview;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.createView;
import static io.ferry.support.ContentFixtures.publish;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tasks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ContentViewApiTest {

    @Test
    void publishPinsRepositoryVersionsAndLibraryHoldsTheLatest() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a.iso", bytes(100, 1));
        String cv = createView(r, false);
        JsonPath t1 = publish(r.org(), cv);
        assertThat(t1.getString("result.version")).isEqualTo("1.0");
        uploadOk(r, "b.iso", bytes(50, 2));
        assertThat(publish(r.org(), cv).getString("result.version")).isEqualTo("2.0");
        JsonPath v1 = get(r.org(), cv, "1.0").statusCode(200).extract().jsonPath();
        assertThat(v1.getInt("repositories[0].version")).isEqualTo(1);
        assertThat(v1.getLong("unitCount")).isEqualTo(1);
        assertThat(v1.getList("environments.label")).isEmpty();
        JsonPath v2 = get(r.org(), cv, "2").statusCode(200).extract().jsonPath();
        assertThat(v2.getInt("repositories[0].version")).isEqualTo(2);
        assertThat(v2.getLong("totalSize")).isEqualTo(150);
        assertThat(v2.getList("environments.label")).containsExactly("Library");
        Api.asAdmin().get(base(r.org(), cv) + "/versions/1.0/units").then().statusCode(200)
                .body("items.relativePath", is(List.of("a.iso"))).body("items[0].repository", is(r.repo()));
        Api.asAdmin().get(base(r.org(), cv) + "/versions").then().body("items.version", is(List.of("2.0", "1.0")));
        Api.asAdmin().get(base(r.org(), cv)).then().body("latestVersion", is("2.0")).body("versionCount", is(2));
    }

    @Test
    void promotionFollowsThePathUnlessForcedAndEachEnvironmentHoldsOneVersion() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a.iso", bytes(100, 3));
        String cv = createView(r, false);
        publish(r.org(), cv);
        environment(r.org(), "Dev", "Library");
        environment(r.org(), "Prod", "Dev");
        promote(r.org(), cv, "1.0", "[\"Prod\"]", false).statusCode(409).body("code", is("FERRY-ENV-002"))
                .body("detail", org.hamcrest.Matchers.containsString("'Dev'"));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/lifecycle-environments/Prod").then().body("contentViews.size()", is(0));
        awaitDone(promote(r.org(), cv, "1.0", "[\"Dev\"]", false));
        awaitDone(promote(r.org(), cv, "1.0", "[\"Prod\"]", false));
        publish(r.org(), cv);
        awaitDone(promote(r.org(), cv, "2.0", "[\"Prod\"]", true));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/lifecycle-environments/Prod").then()
                .body("contentViews.version", is(List.of("2.0")));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/lifecycle-environments/Dev").then()
                .body("contentViews.version", is(List.of("1.0")));
        Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/lifecycle-environments/paths").then()
                .body("[0].label", is(List.of("Library", "Dev", "Prod")));
        promote(r.org(), cv, "1.0", "[\"Library\"]", true).statusCode(409).body("code", is("FERRY-ENV-002"));
    }

    @Test
    void promotedOrLibraryVersionsCannotBeDeletedButOthersCan() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a.iso", bytes(10, 4));
        String cv = createView(r, false);
        publish(r.org(), cv);
        environment(r.org(), "QA", "Library");
        awaitDone(promote(r.org(), cv, "1.0", "[\"QA\"]", false));
        publish(r.org(), cv);
        publish(r.org(), cv);
        Api.asAdmin().delete(base(r.org(), cv) + "/versions/1.0").then().statusCode(409).body("code", is("FERRY-CV-004"));
        Api.asAdmin().delete(base(r.org(), cv) + "/versions/3.0").then().statusCode(409).body("code", is("FERRY-CV-004"));
        get(r.org(), cv, "1.0").statusCode(200);
        Api.asAdmin().delete(base(r.org(), cv) + "/versions/2.0").then().statusCode(204);
        get(r.org(), cv, "2.0").statusCode(404).body("code", is("FERRY-CV-002"));
        Api.asAdmin().delete(base(r.org(), cv) + "/environments/QA").then().statusCode(204);
        Api.asAdmin().delete(base(r.org(), cv) + "/versions/1.0").then().statusCode(204);
    }

    @Test
    void importOnlyViewsCannotBePublished() {
        Repo r = ContentFixtures.repo();
        String cv = createView(r, true);
        Api.asAdmin().contentType("application/json").body("{}").post(base(r.org(), cv) + "/publish").then().statusCode(409)
                .body("code", is("FERRY-CV-003"));
        Api.asAdmin().get(base(r.org(), cv) + "/versions").then().body("total", is(0));
    }

    @Test
    void repositoryLabelsMustBeDistinctWithinAViewAndTheLabelCustomIsReserved() {
        Repo a = ContentFixtures.repo();
        String product2 = ContentFixtures.unique("prod");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"P2\",\"label\":\"" + product2 + "\"}")
                .post("/api/v1/organizations/" + a.org() + "/products").then().statusCode(201);
        Repo b = ContentFixtures.repo(a.org(), product2, a.repo());
        Api.asAdmin().contentType("application/json").body("{\"name\":\"clash\",\"repositories\":[\"" + a.product() + "/" + a.repo()
                + "\",\"" + b.product() + "/" + b.repo() + "\"]}").post("/api/v1/organizations/" + a.org() + "/content-views")
                .then().statusCode(409).body("code", is("FERRY-CV-005"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"x\",\"label\":\"custom\"}")
                .post("/api/v1/organizations/" + a.org() + "/content-views").then().statusCode(422).body("field", is("label"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"x\",\"repositories\":[\"nope/none\"]}")
                .post("/api/v1/organizations/" + a.org() + "/content-views").then().statusCode(404).body("code", is("FERRY-REPO-001"));
        Api.asAdmin().get("/api/v1/organizations/" + a.org() + "/content-views").then().body("total", is(0));
    }

    @Test
    void environmentsBranchOnlyAtLibraryAndAreDeletedFromTheEnd() {
        String org = ContentFixtures.org();
        environment(org, "A1", "Library");
        environment(org, "A2", "A1");
        environment(org, "B1", "Library");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"A2b\",\"prior\":\"A1\"}")
                .post("/api/v1/organizations/" + org + "/lifecycle-environments").then().statusCode(409).body("code", is("FERRY-ENV-003"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"X\",\"prior\":\"Nowhere\"}")
                .post("/api/v1/organizations/" + org + "/lifecycle-environments").then().statusCode(404).body("code", is("FERRY-ENV-001"));
        Api.asAdmin().delete("/api/v1/organizations/" + org + "/lifecycle-environments/A1").then().statusCode(409);
        Api.asAdmin().delete("/api/v1/organizations/" + org + "/lifecycle-environments/Library").then().statusCode(409);
        Api.asAdmin().get("/api/v1/organizations/" + org + "/lifecycle-environments/paths").then().body("size()", is(2));
        Api.asAdmin().delete("/api/v1/organizations/" + org + "/lifecycle-environments/A2").then().statusCode(204);
    }

    static String base(String org, String cv) {
        return "/api/v1/organizations/" + org + "/content-views/" + cv;
    }

    static void environment(String org, String name, String prior) {
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\",\"prior\":\"" + prior + "\"}")
                .post("/api/v1/organizations/" + org + "/lifecycle-environments").then().statusCode(201);
    }

    static ValidatableResponse promote(String org, String cv, String version, String envs, boolean force) {
        return Api.asAdmin().contentType("application/json").body("{\"environments\":" + envs + ",\"force\":" + force + "}")
                .post(base(org, cv) + "/versions/" + version + "/promote").then();
    }

    static void awaitDone(ValidatableResponse accepted) {
        Tasks.await(accepted.statusCode(202).extract().header("Location"), t -> "completed".equals(t.getString("state")));
    }

    static ValidatableResponse get(String org, String cv, String version) {
        return Api.asAdmin().get(base(org, cv) + "/versions/" + version).then();
    }
}
