package io.ferry.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A deletion that something still depends on answers 409 saying what to remove first, and deletes nothing. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class DeletionsTest {
    static final String ORGS = "/api/v1/organizations/";

    @Test
    void anOrganizationHoldingContentViewVersionsIsNotDeleted() {
        ContentFixtures.Repo r = ContentFixtures.repo();
        ContentFixtures.uploadOk(r, "a.iso", "data".getBytes());
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        Api.asAdmin().delete(ORGS + r.org()).then().statusCode(409).body("code", is("FERRY-ORG-002"))
                .body("detail", containsString("'" + cv + "'")).body("detail", containsString("ferry content-view delete"));
        Api.asAdmin().get(ORGS + r.org()).then().statusCode(200);
        Api.asAdmin().get(r.path()).then().statusCode(200).body("latestVersion", is(1));
        Api.asAdmin().get(ORGS + r.org() + "/content-views/" + cv + "/versions").then().statusCode(200).body("total", is(1));

        Api.asAdmin().delete(ORGS + r.org() + "/content-views/" + cv).then().statusCode(204);
        Api.asAdmin().delete(ORGS + r.org() + "/content-views/" + cv).then().statusCode(404)
                .body("detail", containsString("ferry content-view list --organization " + r.org()));
        Api.asAdmin().get(ORGS + r.org() + "/products/nope/repositories/none").then().statusCode(404)
                .body("detail", containsString("ferry product list --organization " + r.org()));
        Api.asAdmin().get(r.path().replace(r.repo(), "none")).then().statusCode(404)
                .body("detail", containsString("ferry repository list --organization " + r.org() + " --product " + r.product()));
        Api.asAdmin().delete(ORGS + r.org()).then().statusCode(204);
        Api.asAdmin().get(ORGS + r.org()).then().statusCode(404);
    }

    @Test
    void pinnedRepositoriesProductsPromotedViewsAndEnvironmentsWithSuccessorsAre409() {
        ContentFixtures.Repo r = ContentFixtures.repo();
        ContentFixtures.uploadOk(r, "a.iso", "data".getBytes());
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        String envs = ORGS + r.org() + "/lifecycle-environments";
        Api.asAdmin().contentType("application/json").body("{\"name\":\"Dev\",\"prior\":\"Library\"}").post(envs).then().statusCode(201);
        Api.asAdmin().contentType("application/json").body("{\"name\":\"Prod\",\"prior\":\"Dev\"}").post(envs).then().statusCode(201);
        String promote = Api.asAdmin().contentType("application/json").body("{\"environments\":[\"Dev\"]}")
                .post(ORGS + r.org() + "/content-views/" + cv + "/versions/1.0/promote").then().statusCode(202).extract()
                .header("Location");
        io.ferry.support.Tasks.await(promote, t -> "completed".equals(t.getString("state")));

        assertThat(Api.asAdmin().delete(r.path()).then().extract().statusCode()).isEqualTo(409);
        assertThat(Api.asAdmin().delete(ORGS + r.org() + "/products/" + r.product()).then().extract().statusCode()).isEqualTo(409);
        assertThat(Api.asAdmin().delete(ORGS + r.org() + "/content-views/" + cv).then().extract().statusCode()).isEqualTo(409);
        assertThat(Api.asAdmin().delete(ORGS + r.org() + "/content-views/" + cv + "/versions/1.0").then().extract().statusCode())
                .isEqualTo(409);
        assertThat(Api.asAdmin().delete(envs + "/Dev").then().extract().statusCode()).isEqualTo(409);
        assertThat(Api.asAdmin().delete(ORGS + r.org()).then().extract().statusCode()).isEqualTo(409);
        Api.asAdmin().get(r.path()).then().statusCode(200);
        Api.asAdmin().get(envs + "/Dev").then().statusCode(200).body("contentViews.size()", is(1));
    }
}
