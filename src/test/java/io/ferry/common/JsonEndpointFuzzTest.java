package io.ferry.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every JSON endpoint of the API (read from the served OpenAPI document, so a new one is covered at
 * once) gets random, malformed and oversized bodies: never a 5xx, never a stack trace, always a problem
 * with a code. Fixed seed; {@code -Dferrytest.fuzz.requests=N} sends N bodies per endpoint (default 10).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class JsonEndpointFuzzTest {
    static final long SEED = 4242L;
    static final int PER_ENDPOINT = Integer.getInteger("ferrytest.fuzz.requests", 10);
    static final ObjectMapper JSON = new ObjectMapper();

    record Endpoint(String method, String path) {
    }

    static List<Endpoint> jsonEndpoints() throws Exception {
        JsonNode doc = JSON.readTree(Api.asAdmin().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<Endpoint> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue().path("requestBody").path("content").has("application/json")) {
                    out.add(new Endpoint(op.getKey().toUpperCase(), p.getKey()));
                }
            }
        }
        return out;
    }

    static String body(Random rnd) {
        return switch (rnd.nextInt(13)) {
            case 12 -> "{\"name\":\"r\",\"remote\":{\"url\":\"http://127.0.0.1:1/\\u0000\",\"username\":\"a\\u0000\","
                    + "\"password\":\"\\u0000\",\"caCert\":\"-----BEGIN\\u0000\"},\"expiresAt\":\"not-a-date\"}";
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[".repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"name\":\"" + "x".repeat(2 << 20) + "\"}";
            case 4 -> "{\"name\":" + "9".repeat(5000) + "}";
            case 5 -> "{\"name\":\"a\\u0000\\u001b[2J\",\"label\":\"../..\",\"description\":\"\\ud800\"}";
            case 6 -> "{\"name\":{\"nested\":[1,2,3]},\"label\":[],\"repositories\":\"x\",\"path\":7}";
            case 7 -> "null";
            case 8 -> "\"just a string\"";
            case 9 -> "{\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\"../../x\",\"version\":\"-1.0\"},"
                    + "\"path\":\"/etc/passwd\",\"volumeSize\":\"-5\",\"since\":\"yesterday\"}";
            case 10 -> {
                byte[] b = new byte[1 + rnd.nextInt(300)];
                rnd.nextBytes(b);
                yield new String(b, StandardCharsets.ISO_8859_1);
            }
            default -> "{\"name\":\"ok\",\"label\":\"" + "L".repeat(200) + "\",\"prior\":\"Library\",\"relativePath\":\"PULP_MANIFEST\","
                    + "\"metadata\":{\"has space\":\"v\\n\"},\"environments\":[\"" + "e".repeat(300) + "\"]}";
        };
    }

    @Test
    void noJsonEndpointAnswers5xxOrAStackTrace() throws Exception {
        ContentFixtures.Repo r = ContentFixtures.repo();
        String cv = ContentFixtures.createView(r, false);
        List<Endpoint> endpoints = jsonEndpoints();
        assertThat(endpoints.size()).as("JSON endpoints found in the OpenAPI document").isGreaterThan(10);
        Random rnd = new Random(SEED);
        int sent = 0;
        for (Endpoint e : endpoints) {
            String path = e.path().replace("{org}", r.org()).replace("{product}", r.product()).replace("{repo}", r.repo())
                    .replace("{cv}", cv).replace("{env}", "Library").replace("{version}", "1.0").replaceAll("\\{[^}]+}", "1");
            for (int i = 0; i < PER_ENDPOINT; i++) {
                String b = body(rnd);
                Response resp = Api.asAdmin().contentType("application/json").body(b.getBytes(StandardCharsets.ISO_8859_1))
                        .request(e.method(), path);
                sent++;
                String text = resp.asString();
                assertThat(resp.statusCode()).as("%s %s with body %.80s answered %s", e.method(), path, b, text).isLessThan(500);
                assertThat(text).as("%s %s", e.method(), path).doesNotContain("\tat ").doesNotContain("Exception");
                if (resp.statusCode() >= 400) {
                    assertThat(resp.contentType()).as("%s %s with body %.80s answered %d", e.method(), path, b, resp.statusCode())
                            .startsWith("application/problem+json");
                    assertThat(JSON.readTree(text).path("code").asText()).as("%s %s: %s", e.method(), path, text).startsWith("FERRY-");
                }
            }
        }
        System.out.printf("fuzzed %d JSON endpoints with %d bodies%n", endpoints.size(), sent);
    }
}
