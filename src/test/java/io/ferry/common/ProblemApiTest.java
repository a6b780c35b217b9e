package io.ferry.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.ferry.support.Api;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ProblemApiTest {

    @Test
    void notFoundHasTheFullProblemShape() {
        Api.asAdmin().get("/api/v1/tasks/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:ferry:problem:FERRY-TASK-001")).body("title", is("Task not found"))
                .body("status", is(404)).body("code", is("FERRY-TASK-001")).body("field", is("id"))
                .body("instance", is("/api/v1/tasks/00000000-0000-0000-0000-000000000000"))
                .body("detail", containsString("ferry task list"));
    }

    @Test
    void malformedJsonIs400() {
        Api.asAdmin().contentType("application/json").body("{\"name\": ").post("/api/v1/tokens").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("FERRY-COMMON-002"));
    }

    @Test
    void invalidFieldIs422NamingTheField() {
        Api.asAdmin().contentType("application/json").body("{\"name\":\"\"}").post("/api/v1/tokens").then().statusCode(422)
                .contentType("application/problem+json").body("code", is("FERRY-COMMON-001")).body("field", is("name"));
    }

    @Test
    void unexpectedErrorIs500WithReferenceAndNoInternals() {
        Api.asAdmin().get("/api/v1/test-support/boom").then().statusCode(500).contentType("application/problem+json")
                .body("code", is("FERRY-COMMON-500"))
                .body("reference", matchesPattern("[0-9a-f-]{36}"))
                .body("detail", not(containsString("secret-looking")));
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        Api.asAdmin().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("code", is("FERRY-COMMON-003"));
        Api.asAdmin().delete("/api/v1/status").then().statusCode(405).contentType("application/problem+json")
                .body("code", is("FERRY-COMMON-004")).body("detail", notNullValue());
    }
}
