package io.ferry.vcsp;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.uploadOk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscribes to a library the way vCenter does: lib.json, then its itemsHref, then every item's selfHref and every
 * file by its hrefs (each resolved against the URL it was found in), with a subscriber credential; then checks what a
 * republish with one OVF disk changed, and a file removed from the OVF folder, change in the documents.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class VcspSubscriptionTest {
    record Credential(long id, String username, String password, String url) {
        RequestSpecification as() {
            return given().urlEncodingEnabled(false).auth().preemptive().basic(username, password);
        }
    }

    static Credential credential(String org, String library) {
        JsonPath c = Api.asAdmin().contentType("application/json").body("{\"library\":\"" + library + "\",\"description\":\"vc-01\"}")
                .post("/api/v1/organizations/" + org + "/subscriber-credentials").then().statusCode(201).extract().jsonPath();
        assertThat(c.getString("username")).matches("vcsp-[a-z2-7]{12}");
        return new Credential(c.getLong("id"), c.getString("username"), c.getString("password"), c.getString("url"));
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** What a subscriber sees: item name to its item.json, each file fetched and compared with what was uploaded. */
    static Map<String, JsonPath> subscribe(Credential c, Map<String, byte[]> uploaded) throws Exception {
        URI lib = URI.create(RestAssured.baseURI + ":" + RestAssured.port + c.url());
        JsonPath libJson = c.as().get(lib).then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(libJson.getString("vcspVersion")).isEqualTo("2");
        assertThat(libJson.getString("id")).startsWith("urn:uuid:");
        assertThat(libJson.getList("capabilities.transferIn")).containsExactly("httpGet");
        URI itemsUri = lib.resolve(libJson.getString("itemsHref"));
        JsonPath items = c.as().get(itemsUri).then().statusCode(200).extract().jsonPath();
        Map<String, JsonPath> byName = new LinkedHashMap<>();
        int fetched = 0;
        for (int i = 0; i < items.getList("items").size(); i++) {
            String p = "items[" + i + "]";
            URI self = lib.resolve(items.getString(p + ".selfHref"));
            JsonPath item = c.as().get(self).then().statusCode(200).extract().jsonPath();
            assertThat(item.getMap("")).as("item.json of " + self + " equals its entry in items.json").isEqualTo(items.getMap(p));
            for (int f = 0; f < item.getList("files").size(); f++) {
                List<String> hrefs = item.getList("files[" + f + "].hrefs");
                byte[] body = c.as().get(lib.resolve(hrefs.get(0))).then().statusCode(200).extract().asByteArray();
                String path = java.net.URLDecoder.decode(hrefs.get(0).replace("+", "%2B"), StandardCharsets.UTF_8);
                assertThat(body).as(path).isEqualTo(uploaded.get(path));
                assertThat(item.getString("files[" + f + "].etag")).isEqualTo(sha256(body));
                assertThat(item.getLong("files[" + f + "].size")).isEqualTo(body.length);
                fetched++;
            }
            byName.put(item.getString("name"), item);
        }
        assertThat(fetched).as("every file, once").isEqualTo(uploaded.size());
        return byName;
    }

    static Map<String, String> etags(JsonPath item) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int f = 0; f < item.getList("files").size(); f++) {
            m.put(item.getString("files[" + f + "].name"), item.getString("files[" + f + "].etag"));
        }
        return m;
    }

    @Test
    void aSubscriberGetsEveryFileAndARepublishChangesExactlyTheChangedItemAndFile() throws Exception {
        Repo r = ContentFixtures.repo();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("templates/web/web.ovf", "<Envelope>web</Envelope>".getBytes(StandardCharsets.UTF_8));
        files.put("templates/web/disk1.vmdk", bytes(70_000, 41));
        files.put("templates/web/web.mf", "SHA256(disk1.vmdk)= x".getBytes(StandardCharsets.UTF_8));
        files.put("isos/alma 9,4;[x].iso", bytes(50_000, 42));
        files.put("notes/readme.txt", "read me".getBytes(StandardCharsets.UTF_8));
        for (var e : files.entrySet()) {
            uploadOk(r, e.getKey(), e.getValue());
        }
        String library = "Library/custom/" + r.product() + "/" + r.repo();
        Credential c = credential(r.org(), library);
        assertThat(c.url()).isEqualTo("/vcsp/" + r.org() + "/" + library + "/lib.json");

        Map<String, JsonPath> before = subscribe(c, files);
        assertThat(before.keySet()).containsExactlyInAnyOrder("templates/web", "isos/alma 9,4;[x]", "notes/readme.txt");
        assertThat(before.get("templates/web").getString("type")).isEqualTo("vcsp.ovf");
        assertThat(etags(before.get("templates/web")).keySet()).containsExactly("disk1.vmdk", "web.mf", "web.ovf");
        assertThat(before.get("isos/alma 9,4;[x]").getString("type")).isEqualTo("vcsp.iso");
        assertThat(before.get("notes/readme.txt").getString("type")).isEqualTo("vcsp.other");
        String libVersion = c.as().get(c.url()).then().extract().path("version");
        String libId = c.as().get(c.url()).then().extract().path("id");

        // republish: one disk of the OVF template changes
        files.put("templates/web/disk1.vmdk", bytes(70_000, 43));
        uploadOk(r, "templates/web/disk1.vmdk", files.get("templates/web/disk1.vmdk"));
        Map<String, JsonPath> after = subscribe(c, files);
        assertThat(c.as().get(c.url()).then().extract().<String>path("id")).as("library id stable").isEqualTo(libId);
        assertThat(Integer.parseInt(c.as().get(c.url()).then().extract().path("version"))).isGreaterThan(Integer.parseInt(libVersion));
        for (String name : before.keySet()) {
            assertThat(after.get(name).getString("id")).as("item id of " + name).isEqualTo(before.get(name).getString("id"));
            boolean changed = name.equals("templates/web");
            assertThat(after.get(name).getString("version").equals(before.get(name).getString("version"))).as("version of " + name
                    + " unchanged").isEqualTo(!changed);
        }
        Map<String, String> was = etags(before.get("templates/web"));
        Map<String, String> now = etags(after.get("templates/web"));
        assertThat(now.get("disk1.vmdk")).isNotEqualTo(was.get("disk1.vmdk"));
        assertThat(now.get("web.ovf")).isEqualTo(was.get("web.ovf"));
        assertThat(now.get("web.mf")).isEqualTo(was.get("web.mf"));

        // a file leaving the OVF folder is a change of that item too; a file added elsewhere is not
        String v2 = after.get("templates/web").getString("version");
        Api.asAdmin().contentType("application/json").body("{\"relativePaths\":[\"templates/web/web.mf\"]}")
                .post(r.path() + "/content/remove").then().statusCode(201);
        files.remove("templates/web/web.mf");
        Map<String, JsonPath> removed = subscribe(c, files);
        assertThat(removed.get("templates/web").getString("version")).isNotEqualTo(v2);
        assertThat(etags(removed.get("templates/web")).keySet()).containsExactly("disk1.vmdk", "web.ovf");
        assertThat(removed.get("notes/readme.txt").getString("version")).isEqualTo(before.get("notes/readme.txt").getString("version"));

        // the documents answer 304 to a subscriber that has them
        String etag = c.as().get(c.url()).then().statusCode(200).extract().header("ETag");
        c.as().header("If-None-Match", etag).get(c.url()).then().statusCode(304);
    }

    @Test
    void aLibraryOfAnEnvironmentHasItsOwnIdAndTheVersionThereServes() throws Exception {
        Repo r = ContentFixtures.repo();
        Map<String, byte[]> files = Map.of("vm/vm.ovf", "<Envelope/>".getBytes(StandardCharsets.UTF_8), "vm/vm-disk1.vmdk", bytes(9_000, 44));
        for (var e : files.entrySet()) {
            uploadOk(r, e.getKey(), e.getValue());
        }
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        Credential env = credential(r.org(), "Library/" + cv + "/" + r.repo());
        Credential latest = credential(r.org(), "Library/custom/" + r.product() + "/" + r.repo());
        Map<String, JsonPath> items = subscribe(env, files);
        assertThat(items.keySet()).containsExactly("vm");
        uploadOk(r, "vm/vm-disk1.vmdk", bytes(9_000, 45)); // not published: the environment's library does not move
        assertThat(subscribe(env, files).get("vm").getString("version")).isEqualTo(items.get("vm").getString("version"));
        String envId = env.as().get(env.url()).then().extract().path("id");
        assertThat(latest.as().get(latest.url()).then().statusCode(200).extract().<String>path("id")).isNotEqualTo(envId);
    }

    @Test
    void aSubscriberCredentialReadsItsLibraryAndNothingElseAndARevokedOneIsRefused() throws Exception {
        Repo r = ContentFixtures.repo();
        Repo other = ContentFixtures.repo(r.org());
        uploadOk(r, "a.iso", bytes(1_000, 46));
        uploadOk(other, "b.iso", bytes(1_000, 47));
        Credential c = credential(r.org(), "Library/custom/" + r.product() + "/" + r.repo());
        c.as().get(c.url()).then().statusCode(200);
        String otherLib = "/vcsp/" + r.org() + "/Library/custom/" + other.product() + "/" + other.repo() + "/lib.json";
        c.as().get(otherLib).then().statusCode(403).body("code", is("FERRY-AUTH-005"));
        c.as().get("/vcsp/" + r.org() + "/Library/custom/" + other.product() + "/" + other.repo() + "/b.iso").then().statusCode(403);
        c.as().get(r.contentPath() + "a.iso").then().statusCode(403).body("code", is("FERRY-AUTH-005"));
        c.as().get("/api/v1/status").then().statusCode(403).body("code", is("FERRY-AUTH-005"));
        c.as().get("/api/v1/organizations/" + r.org() + "/subscriber-credentials").then().statusCode(403);
        c.as().contentType("application/json").body("{\"library\":\"x/y/z\"}").post("/api/v1/organizations/" + r.org()
                + "/subscriber-credentials").then().statusCode(403);
        given().auth().preemptive().basic(c.username(), c.password() + "x").get(c.url()).then().statusCode(401)
                .body("code", is("FERRY-AUTH-002"));
        // hostile paths below the library: nothing outside it is reached
        String base = "/vcsp/" + r.org() + "/Library/custom/" + r.product() + "/" + r.repo() + "/";
        for (String p : List.of("../" + other.repo() + "/b.iso", "..%2F" + other.repo() + "%2Fb.iso", "a.iso%00", "%2E%2E/%2E%2E/lib.json")) {
            int status = c.as().urlEncodingEnabled(false).get(base + p).then().extract().statusCode();
            assertThat(status).as(p).isIn(400, 403, 404);
        }
        // revoked: refused at the next request, and listed as revoked without any password
        Api.asAdmin().delete("/api/v1/organizations/" + r.org() + "/subscriber-credentials/" + c.id()).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        c.as().get(c.url()).then().statusCode(401).body("code", is("FERRY-AUTH-002"));
        JsonPath list = Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/subscriber-credentials").then().statusCode(200)
                .extract().jsonPath();
        assertThat(list.getList("password").stream().allMatch(java.util.Objects::isNull)).isTrue();
        assertThat(list.getString("find { it.id == " + c.id() + " }.revokedAt")).isNotNull();
    }

    @Test
    void badLibrariesAndReservedUserNamesAreRefusedAndNothingIsCreated() {
        Repo r = ContentFixtures.repo();
        String api = "/api/v1/organizations/" + r.org() + "/subscriber-credentials";
        for (String bad : List.of("../x/y", "Library/custom", "a/b", "a/b/c/d", "Library/custom/" + r.product() + "/../x", "a/b\\u0000/c")) {
            Api.asAdmin().contentType("application/json").body("{\"library\":\"" + bad + "\"}").post(api).then().statusCode(422)
                    .body("code", is("FERRY-COMMON-001"));
        }
        Api.asAdmin().contentType("application/json").body("{\"library\":\"Library/custom/" + r.product() + "/nope\"}").post(api).then()
                .statusCode(404);
        Api.asAdmin().contentType("application/json").body("{\"library\":\"" + "x".repeat(2000) + "\"}").post(api).then().statusCode(422);
        assertThat(Api.asAdmin().get(api).then().statusCode(200).extract().jsonPath().getList("")).isEmpty();
        Api.asAdmin().contentType("application/json").body("{\"username\":\"vcsp-abcdefghijkl\",\"password\":\"long-enough-password\"}")
                .post("/api/v1/users").then().statusCode(422).body("code", is("FERRY-COMMON-001"));
    }
}
