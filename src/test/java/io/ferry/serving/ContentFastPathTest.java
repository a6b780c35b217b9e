package io.ferry.serving;

import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * /content answers from memory while nothing changed (the cache counters show no lookup reaching the database), sees
 * a change this server made at once, and a change another node made (here: a second database session, which only
 * PostgreSQL's notification reports) within moments; the same for credentials.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ContentFastPathTest {
    @Inject
    AgroalDataSource dataSource;

    static String metrics() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    static String get(String url) {
        return Api.asAdmin().get(url).then().statusCode(200).extract().asString();
    }

    /** An update as another node would make it: its own session and transaction, nothing of this node's request path. */
    private void otherNode(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isPositive();
        }
    }

    private static void eventually(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.get()) {
            assertThat(System.nanoTime()).as(what + " within 10 s").isLessThan(deadline);
            Tasks.sleep(50);
        }
    }

    @Test
    void unchangedContentIsServedWithoutADatabaseLookupAndAChangeHereIsSeenAtOnce() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a.txt", "one".getBytes(StandardCharsets.UTF_8));
        String url = r.contentPath() + "a.txt";
        assertThat(get(url)).isEqualTo("one");
        get(url);
        String before = metrics();
        for (int i = 0; i < 25; i++) {
            assertThat(get(url)).isEqualTo("one");
        }
        Api.asAdmin().get(r.contentPath() + "missing.txt").then().statusCode(404); // a miss, then remembered as absent
        Api.asAdmin().get(r.contentPath() + "missing.txt").then().statusCode(404);
        String after = metrics();
        assertThat(value(after, "ferry_content_cache_misses_total") - value(before, "ferry_content_cache_misses_total"))
                .as("lookups that reached the database").isEqualTo(1.0);
        assertThat(value(after, "ferry_content_cache_hits_total") - value(before, "ferry_content_cache_hits_total"))
                .isGreaterThanOrEqualTo(52.0);
        assertThat(value(after, "ferry_auth_cache_misses_total") - value(before, "ferry_auth_cache_misses_total")).isZero();

        uploadOk(r, "a.txt", "two".getBytes(StandardCharsets.UTF_8)); // a new latest version, made through this node
        assertThat(get(url)).as("seen by the next request").isEqualTo("two");
        uploadOk(r, "missing.txt", "now here".getBytes(StandardCharsets.UTF_8));
        assertThat(get(r.contentPath() + "missing.txt")).isEqualTo("now here");
    }

    /** Request timers stay bounded: every file served, fast route or full path, counts under one uri tag. */
    @Test
    void servedFilesShareOneRequestTimer() {
        Repo r = ContentFixtures.repo();
        for (int i = 0; i < 3; i++) {
            uploadOk(r, "t" + i + ".txt", ("file " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3; i++) {
                assertThat(get(r.contentPath() + "t" + i + ".txt")).isEqualTo("file " + i);
            }
        }
        String text = metrics();
        assertThat(text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("uri=\"/content")))
                .isNotEmpty().allMatch(l -> l.contains("uri=\"/content/{path}\""));
        assertThat(text).doesNotContain(r.repo() + "/t0.txt");
    }

    @Test
    void aChangeCommittedByAnotherNodeIsSeenAfterItsNotification() throws Exception {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "b.txt", "first".getBytes(StandardCharsets.UTF_8));
        uploadOk(r, "b.txt", "second".getBytes(StandardCharsets.UTF_8));
        String url = r.contentPath() + "b.txt";
        assertThat(get(url)).isEqualTo("second");
        otherNode("update repository set latest_version = 1 where label = ? and product_id = (select p.id from product p join "
                + "organization o on o.id = p.organization_id where o.label = ? and p.label = ?)", r.repo(), r.org(), r.product());
        eventually("the other node's change", () -> get(url).equals("first"));
    }

    @Test
    void credentialsChangedHereOrOnAnotherNodeStopWorking() throws Exception {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "c.txt", "fast path: credentials".getBytes(StandardCharsets.UTF_8));
        String url = r.contentPath() + "c.txt";
        String first = token("fast-path-1");
        RestAssured.given().auth().oauth2(first).get(url).then().statusCode(200);
        RestAssured.given().auth().oauth2(first).get(url).then().statusCode(200);
        long id = Api.asAdmin().get("/api/v1/tokens").then().extract().jsonPath().getLong("find { it.name == 'fast-path-1' }.id");
        Api.asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(200);
        RestAssured.given().auth().oauth2(first).get(url).then().statusCode(401).body("code", is("FERRY-AUTH-004"));

        String second = token("fast-path-2");
        RestAssured.given().auth().oauth2(second).get(url).then().statusCode(200);
        otherNode("update api_token set revoked_at = now() where name = 'fast-path-2'");
        eventually("the revocation on another node", () -> RestAssured.given().auth().oauth2(second).get(url).statusCode() == 401);

        String third = token("fast-path-3");
        RestAssured.given().auth().oauth2(third).get(url).then().statusCode(200);
        otherNode("update api_token set expires_at = now() - interval '1 second' where name = 'fast-path-3'");
        eventually("the expiry set on another node", () -> RestAssured.given().auth().oauth2(third).get(url).statusCode() == 401);
        RestAssured.given().auth().oauth2("ferry_not-a-token").get(url).then().statusCode(401).body("code", is("FERRY-AUTH-002"));
    }

    @Test
    void theFastRouteAnswersExactlyAsTheFullPathDoes() {
        Repo r = ContentFixtures.repo();
        byte[] data = ContentFixtures.bytes(70_000, 77);
        uploadOk(r, "isos/fast.iso", data);
        String url = r.contentPath() + "isos/fast.iso";
        io.restassured.response.Response full = null;
        io.restassured.response.Response fast = null;
        // a change anywhere (another test's task ending, a scheduled job) empties the caches between two requests now and
        // then: the full path answers the first of a pair and fills them, the second must come from the fast route
        for (int attempt = 0; attempt < 5 && fast == null; attempt++) {
            full = Api.asAdmin().get(url);
            double before = value(metrics(), "ferry_content_fast_answers_total");
            io.restassured.response.Response second = Api.asAdmin().get(url);
            if (value(metrics(), "ferry_content_fast_answers_total") - before == 1.0) {
                fast = second;
            }
        }
        assertThat(fast).as("a repeated request answered by the fast route (5 tries)").isNotNull();
        for (String h : new String[] {"ETag", "Last-Modified", "Content-Type", "Accept-Ranges", "Content-Length"}) {
            assertThat(fast.header(h)).as(h).isNotNull().isEqualTo(full.header(h));
        }
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(fast.asByteArray()).isEqualTo(data).isEqualTo(full.asByteArray());
        Api.asAdmin().head(url).then().statusCode(200).header("Content-Length", String.valueOf(data.length))
                .header("ETag", full.header("ETag"));
        Api.asAdmin().header("If-None-Match", full.header("ETag")).get(url).then().statusCode(304).header("ETag", full.header("ETag"));
        Api.asAdmin().header("If-Modified-Since", full.header("Last-Modified")).get(url).then().statusCode(304);
        Api.asAdmin().header("If-None-Match", "\"other\"").get(url).then().statusCode(200);
        Api.asAdmin().header("Range", "bytes=10-19").get(url).then().statusCode(206).header("Content-Range", "bytes 10-19/70000");
        // what the fast route must never decide: wrong credentials, no credentials, a path that is not plain
        RestAssured.given().auth().preemptive().basic("admin", "wrong-password").get(url).then().statusCode(401);
        RestAssured.given().get(url).then().statusCode(401).body("code", is("FERRY-AUTH-001"));
        assertThat(Api.asAdmin().urlEncodingEnabled(false).get(r.contentPath() + "isos/fast%2Eiso").then().statusCode(200)
                .extract().asByteArray()).as("an encoded path goes the full way").isEqualTo(data);
        Api.asAdmin().get(r.contentPath() + "isos/nothing.iso").then().statusCode(404).body("code", is("FERRY-CONTENT-003"));
    }

    private static String token(String name) {
        return Api.asAdmin().contentType("application/json").body("{\"name\":\"" + name + "\"}").post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
    }
}
