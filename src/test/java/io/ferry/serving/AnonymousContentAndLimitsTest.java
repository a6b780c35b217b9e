package io.ferry.serving;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.sun.net.httpserver.HttpServer;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tasks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code ferry.content.anonymous=true} and a small manifest limit: hosts read without credentials; big manifests are refused. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
@TestProfile(AnonymousContentAndLimitsTest.Profile.class)
class AnonymousContentAndLimitsTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.content.anonymous", "true", "ferry.sync.max-manifest-size", "1K");
        }
    }

    @Test
    void anonymousHostsReadContentButNotTheApi() {
        Repo r = ContentFixtures.repo();
        byte[] data = bytes(2048, 41);
        uploadOk(r, "pub.iso", data);
        assertThat(ContentFixtures.anonymousGet(r.contentPath() + "pub.iso").then().statusCode(200)
                .header("ETag", "\"" + sha256(data) + "\"").extract().asByteArray()).isEqualTo(data);
        ContentFixtures.anonymousGet(r.path()).then().statusCode(401);
    }

    @Test
    void aManifestOverTheLimitFailsTheSyncAndChangesNothing() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] huge = ("a.iso," + sha256(new byte[1]) + ",1\n").repeat(100).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, huge.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(huge);
            }
        });
        server.start();
        try {
            Repo r = ContentFixtures.repo();
            Api.asAdmin().contentType("application/json").body("{\"remote\":{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
                    + "/r/\"}}").put(r.path()).then().statusCode(200);
            String location = Api.asAdmin().post(r.path() + "/sync").then().statusCode(202).extract().header("Location");
            JsonPath t = Tasks.awaitEnd(location);
            assertThat(t.getString("error.code")).isEqualTo("FERRY-SYNC-003");
            assertThat(t.getString("error.detail")).contains("max-manifest-size");
            assertThat(ContentFixtures.repoView(r).getInt("latestVersion")).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void jsonBodiesOverTheLimitAre413() {
        String big = "{\"name\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}";
        Api.asAdmin().contentType("application/json").body(big).post("/api/v1/organizations").then().statusCode(413)
                .body("code", is("FERRY-COMMON-009"));
    }
}
