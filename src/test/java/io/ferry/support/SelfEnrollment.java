package io.ferry.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/**
 * Enrolls the test server with itself, as a downstream does with its upstream: a key and certificate request made
 * here, approved here for {@code organization}, and installed (the upstream CA is this server's own).
 */
public final class SelfEnrollment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SelfEnrollment() {
    }

    /** Enrolls as downstream server {@code name}, scoped to {@code organization}; answers the approval. */
    public static JsonPath enroll(String name, String organization) throws Exception {
        String csr = post("/api/v1/upstream/certificate-request", Map.of("name", name), 200).getString("csr");
        JsonPath approved = post("/api/v1/downstream-servers", Map.of("name", name, "csr", csr, "scope",
                List.of(Map.of("organization", organization))), 201);
        Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("certificate",
                approved.getString("certificatePem"), "upstreamCa", approved.getString("caPem")))).put("/api/v1/upstream/certificate")
                .then().statusCode(200);
        return approved;
    }

    private static JsonPath post(String path, Object body, int status) throws Exception {
        return Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(body)).post(path).then().statusCode(status)
                .extract().jsonPath();
    }
}
