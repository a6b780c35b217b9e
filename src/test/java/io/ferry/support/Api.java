package io.ferry.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;

/** REST Assured requests as the bootstrap admin, whose generated password the server wrote to the data dir. */
public final class Api {
    private Api() {
    }

    public static String adminPassword() {
        try {
            return Files.readString(TestDatabaseResource.dataDir().resolve("admin-password")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("the server did not write admin-password", e);
        }
    }

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic("admin", adminPassword());
    }

    public static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
