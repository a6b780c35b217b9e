package io.ferry.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed openapi/ferry-api.yaml must equal what the server generates. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class OpenApiDocumentTest {
    static final Path COMMITTED = Path.of("openapi", "ferry-api.yaml");

    @Test
    void committedDocumentMatchesGenerated() throws Exception {
        String generated = given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("ferrytest.openapi.update")) {
            Files.writeString(COMMITTED, generated);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertThat(committed)
                .as("openapi/ferry-api.yaml is out of date. Regenerate it with: "
                        + "./mvnw test -Dtest=OpenApiDocumentTest -Dferrytest.openapi.update=true  and commit the change")
                .isEqualTo(generated);
        assertThat(generated).contains("/api/v1/status").doesNotContain("test-support");
    }
}
