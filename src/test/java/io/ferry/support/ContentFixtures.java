package io.ferry.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates organizations, products and repositories with unique labels, and uploads bytes, through the API. */
public final class ContentFixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ContentFixtures() {
    }

    /** A repository's API base path and labels. */
    public record Repo(String org, String product, String repo) {
        public String path() {
            return "/api/v1/organizations/" + org + "/products/" + product + "/repositories/" + repo;
        }

        public String contentPath() {
            return "/content/" + org + "/Library/custom/" + product + "/" + repo + "/";
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    public static String org() {
        String label = unique("org");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"Org " + label + "\",\"label\":\"" + label + "\"}")
                .post("/api/v1/organizations").then().statusCode(201);
        return label;
    }

    public static Repo repo() {
        return repo(org());
    }

    public static Repo repo(String org) {
        String product = unique("prod");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"P\",\"label\":\"" + product + "\"}")
                .post("/api/v1/organizations/" + org + "/products").then().statusCode(201);
        return repo(org, product, unique("repo"));
    }

    public static Repo repo(String org, String product, String label) {
        Api.asAdmin().contentType("application/json").body("{\"name\":\"R\",\"label\":\"" + label + "\"}")
                .post("/api/v1/organizations/" + org + "/products/" + product + "/repositories").then().statusCode(201);
        return new Repo(org, product, label);
    }

    public static Response upload(Repo r, String relativePath, byte[] data, String sha256) {
        var req = Api.asAdmin().contentType("application/octet-stream").body(data).queryParam("relativePath", relativePath);
        if (sha256 != null) {
            req.queryParam("sha256", sha256);
        }
        return req.post(r.path() + "/content/upload");
    }

    public static JsonPath uploadOk(Repo r, String relativePath, byte[] data) {
        return upload(r, relativePath, data, sha256(data)).then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath repoView(Repo r) {
        return Api.asAdmin().get(r.path()).then().statusCode(200).extract().jsonPath();
    }

    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content URL fetched without credentials, for checking that /content requires them. */
    public static Response anonymousGet(String path) {
        return given().get(path);
    }

    /** Creates a content view (label derived, unique) of one repository. */
    public static String createView(Repo r, boolean importOnly) {
        String cv = unique("cv");
        Api.asAdmin().contentType("application/json").body("{\"name\":\"" + cv + "\",\"importOnly\":" + importOnly
                + ",\"repositories\":[\"" + r.product() + "/" + r.repo() + "\"]}").post("/api/v1/organizations/" + r.org()
                + "/content-views").then().statusCode(201);
        return cv;
    }

    /** Publishes a content view and waits for the task to complete; answers the task. */
    public static JsonPath publish(String org, String cv) {
        String location = Api.asAdmin().contentType("application/json").body("{}")
                .post("/api/v1/organizations/" + org + "/content-views/" + cv + "/publish").then()
                .statusCode(202).extract().header("Location");
        return Tasks.await(location, t -> "completed".equals(t.getString("state")));
    }
}
