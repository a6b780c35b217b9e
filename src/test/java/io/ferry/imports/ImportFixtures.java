package io.ferry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.Api;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tasks;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Import calls and state probes shared by the import tests. */
final class ImportFixtures {
    private ImportFixtures() {
    }

    static String imports(String org) {
        return "/api/v1/organizations/" + org + "/imports";
    }

    static ValidatableResponse start(String org, String body) {
        return Api.asAdmin().contentType("application/json").body(body).post(imports(org)).then();
    }

    static String body(Path path) {
        return "{\"path\":\"" + path + "\"}";
    }

    /** Runs an import task to its end; answers the task. */
    static JsonPath run(String org, String body) {
        String location = start(org, body).statusCode(202).extract().header("Location");
        return Tasks.awaitEnd(location);
    }

    static JsonPath importOk(String org, Path path) {
        JsonPath t = run(org, body(path));
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        return t;
    }

    static JsonPath check(String org, Path path) {
        return Api.asAdmin().contentType("application/json").body(body(path)).post(imports(org) + "/check").then().statusCode(200)
                .extract().jsonPath();
    }

    /** relative path -> sha256 of a content view version, via the API. */
    static Map<String, String> units(String org, String cv, String version) {
        JsonPath j = Api.asAdmin().queryParam("size", 500).get("/api/v1/organizations/" + org + "/content-views/" + cv + "/versions/"
                + version + "/units").then().statusCode(200).extract().jsonPath();
        Map<String, String> out = new LinkedHashMap<>();
        List<Map<String, Object>> items = j.getList("items");
        for (Map<String, Object> u : items) {
            out.put((String) u.get("relativePath"), (String) u.get("sha256"));
        }
        return out;
    }

    /** What an import could change in an organization, as counts: products, content views, succeeded imports. */
    static List<Long> state(String org) {
        String base = "/api/v1/organizations/" + org;
        return List.of(Api.asAdmin().get(base + "/products").then().statusCode(200).extract().jsonPath().getLong("total"),
                Api.asAdmin().get(base + "/content-views").then().statusCode(200).extract().jsonPath().getLong("total"),
                Api.asAdmin().queryParam("status", "succeeded").get(imports(org)).then().statusCode(200).extract().jsonPath()
                        .getLong("total"));
    }

    static Path blobFile(String sha) {
        return TestDatabaseResource.dataDir().resolve("blobs").resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
    }

    /** Removes blobs from this server's store, as if it had never seen them (the tests' server exported them itself). */
    static void forget(Iterable<String> shas) {
        for (String sha : shas) {
            try {
                Files.deleteIfExists(blobFile(sha));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Path scratch(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "scratch").toAbsolutePath()), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
