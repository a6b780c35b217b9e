package io.ferry.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class OperationsApiTest {

    @Test
    void healthReportsDatabaseAndStorage() {
        given().get("/q/health").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItems("storage", "Database connections health check"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void prometheusMetricsIncludeTaskGauge() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("ferry_tasks_running"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void statusNamesVersionAndDataDir() {
        Api.asAdmin().get("/api/v1/status").then().statusCode(200).body("name", is("ferry"))
                .body("version", is("0.1.0-SNAPSHOT"))
                .body("storage.dataDir", is(TestDatabaseResource.dataDir().toString()));
    }
}
