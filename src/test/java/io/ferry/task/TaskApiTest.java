package io.ferry.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.ferry.support.Api;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class TaskApiTest {

    @Test
    void longOperationAnswers202WithLocationAndCompletesWithProgressAndResult() {
        Response r = start("test.steps", "{\"params\":{\"units\":5,\"bytesPerUnit\":1000,\"sleepMs\":10}}");
        r.then().statusCode(202).header("Location", matchesPattern("https?://[^/]+/api/v1/tasks/[0-9a-f-]{36}")).body("state", is("waiting"));
        String location = r.header("Location");
        JsonPath done = Tasks.await(location, t -> "completed".equals(t.getString("state")));
        assertThat(done.getLong("progress.unitsDone")).isEqualTo(5);
        assertThat(done.getLong("progress.unitsTotal")).isEqualTo(5);
        assertThat(done.getLong("progress.bytesDone")).isEqualTo(5000);
        assertThat(done.getLong("progress.bytesTotal")).isEqualTo(5000);
        assertThat(done.getInt("result.counted")).isEqualTo(5);
        assertThat(done.getString("createdBy")).isEqualTo("admin");
        assertThat(done.getString("startedAt")).isNotNull();
        assertThat(done.getString("finishedAt")).isNotNull();
        Api.asAdmin().get("/api/v1/tasks?state=completed&type=test.steps").then().statusCode(200)
                .body("items.id", hasItem(done.getString("id")));
    }

    @Test
    void progressIsVisibleWhileRunning() {
        String location = start("test.steps", "{\"params\":{\"units\":40,\"sleepMs\":50}}").header("Location");
        JsonPath mid = Tasks.await(location, t -> "running".equals(t.getString("state")) && t.getLong("progress.unitsDone") > 0);
        assertThat(mid.getLong("progress.unitsDone")).isLessThan(40);
        assertThat(mid.getString("step")).isEqualTo("counting");
        Tasks.await(location, t -> "completed".equals(t.getString("state")));
    }

    @Test
    void runningTaskCanBeCanceled() {
        String location = start("test.steps", "{\"params\":{\"units\":1000,\"sleepMs\":20}}").header("Location");
        Tasks.await(location, t -> "running".equals(t.getString("state")));
        Api.asAdmin().post(location + "/cancel").then().statusCode(200).body("cancelRequested", is(true));
        JsonPath t = Tasks.await(location, x -> "canceled".equals(x.getString("state")));
        assertThat(t.getString("error.code")).isEqualTo("FERRY-TASK-005");
        assertThat(t.getLong("progress.unitsDone")).isLessThan(1000);
        Api.asAdmin().post(location + "/cancel").then().statusCode(409).contentType("application/problem+json")
                .body("code", is("FERRY-TASK-002"));
    }

    @Test
    void tasksSharingALockNeverOverlapAndAWaitingOneCancelsAtOnce() {
        String lock = "{\"params\":{\"units\":20,\"sleepMs\":50},\"locks\":[\"contentview:lock-test-" + System.nanoTime() + "\"]}";
        String a = start("test.steps", lock).header("Location");
        Tasks.await(a, t -> "running".equals(t.getString("state")));
        String b = start("test.steps", lock).header("Location");
        String c = start("test.steps", lock).header("Location");
        Tasks.sleep(300);
        Api.asAdmin().get(b).then().body("state", is("waiting"));
        Api.asAdmin().post(b + "/cancel").then().statusCode(200).body("state", is("canceled"))
                .body("error.code", is("FERRY-TASK-005"));
        JsonPath doneA = Tasks.await(a, t -> "completed".equals(t.getString("state")));
        JsonPath doneC = Tasks.await(c, t -> "completed".equals(t.getString("state")));
        assertThat(OffsetDateTime.parse(doneC.getString("startedAt")))
                .isAfterOrEqualTo(OffsetDateTime.parse(doneA.getString("finishedAt")));
        Api.asAdmin().get(b).then().body("startedAt", is((Object) null));
    }

    @Test
    void failingTaskKeepsItsProblem() {
        String location = start("test.fails", "{}").header("Location");
        JsonPath t = Tasks.await(location, x -> "failed".equals(x.getString("state")));
        assertThat(t.getString("error.code")).isEqualTo("FERRY-STORAGE-001");
        assertThat(t.getString("error.field")).isEqualTo("sha256");
    }

    @Test
    void crashingTaskFailsWithReference() {
        String location = start("test.crashes", "{}").header("Location");
        JsonPath t = Tasks.await(location, x -> "failed".equals(x.getString("state")));
        assertThat(t.getString("error.code")).isEqualTo("FERRY-COMMON-500");
        assertThat(t.getString("error.reference")).matches("[0-9a-f-]{36}");
    }

    @Test
    void unknownTypeAndBadStateFilterAre422() {
        start("test.no-such-type", "{}").then().statusCode(422).body("code", is("FERRY-TASK-003"));
        Api.asAdmin().get("/api/v1/tasks?state=sleeping").then().statusCode(422).body("field", is("state"));
        Api.asAdmin().get("/api/v1/tasks?size=0").then().statusCode(422).body("code", is("FERRY-COMMON-001"));
    }

    @Test
    void listingIsPaged() {
        start("test.steps", "{\"params\":{\"units\":1,\"sleepMs\":1}}");
        start("test.steps", "{\"params\":{\"units\":1,\"sleepMs\":1}}");
        Api.asAdmin().get("/api/v1/tasks?size=1&page=0").then().statusCode(200).body("items.size()", is(1))
                .body("size", is(1)).body("total", notNullValue());
    }

    private static Response start(String type, String body) {
        return Api.asAdmin().contentType("application/json").body(body).post("/api/v1/test-support/tasks/" + type);
    }
}
