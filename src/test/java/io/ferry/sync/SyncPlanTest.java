package io.ferry.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sync plans against a real upstream over mutual TLS (this server enrolled with itself: one organization follows
 * another): a plan with a two-second schedule fires and its result shows in the plan; a plan whose upstream is
 * unreachable fails and turns /q/health DOWN naming the organization (readiness stays UP); bad schedules and
 * plans without an upstream are refused and change nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class SyncPlanTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORGS = "/api/v1/organizations/";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    static JsonPath send(String method, String path, Object body, int status) throws Exception {
        var r = Api.asAdmin().contentType("application/json").body(body == null ? "{}" : JSON.writeValueAsString(body));
        return r.request(method, path).then().statusCode(status).extract().jsonPath();
    }

    static JsonPath awaitPlan(String org, String state) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        JsonPath p = null;
        while (System.nanoTime() < deadline) {
            p = Api.asAdmin().get(ORGS + org + "/sync-plan").then().statusCode(200).extract().jsonPath();
            if (state.equals(p.getString("lastState"))) {
                return p;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("plan of " + org + " never reached " + state + ": " + (p == null ? null : p.prettify()));
    }

    @Test
    void aPlanFiresOnScheduleAndAFailingPlanTurnsHealthDown() throws Exception {
        ContentFixtures.Repo source = ContentFixtures.repo();
        ContentFixtures.uploadOk(source, "a.iso", ContentFixtures.bytes(50_000, 21));
        String cv = ContentFixtures.createView(source, false);
        ContentFixtures.publish(source.org(), cv);
        io.ferry.support.SelfEnrollment.enroll(ContentFixtures.unique("self"), source.org());

        String follower = ContentFixtures.org();
        String broken = ContentFixtures.org();
        try {
            send("PUT", ORGS + follower + "/upstream", Map.of("url", "https://localhost:" + https.getPort(), "upstreamOrganization",
                    source.org(), "follow", "content-views", "contentViews", List.of(cv)), 200);
            JsonPath plan = send("POST", ORGS + follower + "/sync-plan", Map.of("cron", "*/2 * * * * *"), 201);
            assertThat(plan.getString("nextRunAt")).isNotNull();
            assertThat(plan.getBoolean("enabled")).isTrue();
            JsonPath done = awaitPlan(follower, "completed");
            assertThat(done.getString("lastSuccessAt")).isNotNull();
            assertThat(done.getString("lastTaskId")).isNotNull();
            List<String> on = Api.asAdmin().get(ORGS + follower + "/content-views/" + cv + "/versions/1.0/units").then()
                    .statusCode(200).extract().jsonPath().getList("items.sha256");
            assertThat(on).containsExactly(ContentFixtures.sha256(ContentFixtures.bytes(50_000, 21)));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("ferry_sync_last_success_seconds{organization=\"" + follower + "\"}");
            send("PUT", ORGS + follower + "/sync-plan", Map.of("enabled", false), 200);

            send("PUT", ORGS + broken + "/upstream", Map.of("url", "https://localhost:1", "upstreamOrganization", source.org(),
                    "follow", "library"), 200);
            send("POST", ORGS + broken + "/sync-plan", Map.of("cron", "*/2 * * * * *"), 201);
            JsonPath failed = awaitPlan(broken, "failed");
            assertThat(failed.getString("lastError")).contains("Cannot connect to the upstream");
            JsonPath health = given().get("/q/health").then().statusCode(503).extract().jsonPath();
            assertThat(health.getString("checks.find { it.name == 'ferry-sync-plans' }.status")).isEqualTo("DOWN");
            assertThat(health.getString("checks.find { it.name == 'ferry-sync-plans' }.data." + broken)).contains("last sync failed");
            given().get("/q/health/ready").then().statusCode(200);
            // the plan retries every two seconds; health stays DOWN through the retries (a new run does not clear the failure)
            for (int i = 0; i < 12; i++) {
                Thread.sleep(400);
                given().get("/q/health").then().statusCode(503);
            }
        } finally {
            Api.asAdmin().delete(ORGS + broken + "/sync-plan");
            Api.asAdmin().delete(ORGS + follower + "/sync-plan");
        }
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void badPlansAreRefusedAndChangeNothing() throws Exception {
        String org = ContentFixtures.org();
        int before = Api.asAdmin().get("/api/v1/sync-plans").then().statusCode(200).extract().jsonPath().getList("$").size();
        assertThat(send("POST", ORGS + org + "/sync-plan", Map.of("cron", "0 2 * * *"), 404).getString("code"))
                .isEqualTo("FERRY-UPSTREAM-004");
        Api.asAdmin().get(ORGS + org + "/sync-plan").then().statusCode(404).body("code", is("FERRY-UPSTREAM-005"));
        send("PUT", ORGS + org + "/upstream", Map.of("url", "https://localhost:1", "upstreamOrganization", "x", "follow", "library"),
                200);
        for (Object cron : new Object[] {"nonsense", "61 * * * *", "", "x".repeat(300), "* * * * * * * *"}) {
            Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("cron", cron))).post(ORGS + org
                    + "/sync-plan").then().statusCode(422).body("field", is("cron"));
        }
        Api.asAdmin().contentType("application/json").body("{\"cron\":\"0 2 * * *\",\"randomDelaySeconds\":-1}").post(ORGS + org
                + "/sync-plan").then().statusCode(422).body("field", is("randomDelaySeconds"));
        for (Object[] bad : new Object[][] {{"url", "http://plain:8080"}, {"url", "https://x/?q=1"}, {"follow", "everything"}}) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("url", "https://localhost:1", "upstreamOrganization", "x",
                    "follow", "library"));
            body.put((String) bad[0], bad[1]);
            send("PUT", ORGS + org + "/upstream", body, 422);
        }
        assertThat(Api.asAdmin().get(ORGS + org + "/upstream").then().statusCode(200).extract().jsonPath().getString("url"))
                .isEqualTo("https://localhost:1");
        assertThat(Api.asAdmin().get("/api/v1/sync-plans").then().extract().jsonPath().getList("$")).hasSize(before);
        send("POST", ORGS + org + "/sync-plan", Map.of("cron", "0 2 * * *", "randomDelaySeconds", 1800), 201);
        send("POST", ORGS + org + "/sync-plan", Map.of("cron", "0 3 * * *"), 409);
        JsonPath p = Api.asAdmin().get(ORGS + org + "/sync-plan").then().statusCode(200).extract().jsonPath();
        assertThat(p.getString("cron")).isEqualTo("0 2 * * *");
        assertThat(p.getInt("randomDelaySeconds")).isEqualTo(1800);
        Api.asAdmin().delete(ORGS + org + "/sync-plan").then().statusCode(204);
    }
}
