package io.ferry.it;

import static io.ferry.it.ContentFlowIT.as;
import static io.ferry.it.ContentFlowIT.await;
import static io.ferry.it.ContentFlowIT.json;
import static io.ferry.it.ContentFlowIT.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Tools;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The import issue's end-to-end test with separate server processes, each with its own embedded
 * PostgreSQL and data directory. Server A publishes a content view (one file of 260 MiB, split over ISO
 * volumes of 100 MiB; files over 1 GiB are ContentFlowIT's) and exports it complete as dir, tgz and ISO volumes; server B imports each into its own organization and must
 * list the same paths and SHA-256s and serve the same bytes. The ISO import is killed with SIGKILL
 * half-way and run again after a restart. Then an incremental: B applies it on top of its base; an
 * organization that never imported the base refuses it naming the base, and nothing changes.
 */
class ImportEndToEndIT {
    static final long BIG = (260L << 20) + 12_345;
    static final String CV = "/api/v1/organizations/ACME/content-views/web";

    record Server(ServerProcess process, String password, Path data) {
        static Server start(Path data, Map<String, String> env) throws Exception {
            ServerProcess p = ServerProcess.start(data, env);
            return new Server(p, Files.readString(data.resolve("admin-password")).strip(), data);
        }

        JsonPath task(String body, String path, int status) {
            String location = json(process, password, body).post(path).then().statusCode(status).extract().header("Location");
            return await(process, password, location);
        }
    }

    @Test
    void exportOnAImportOnBInEveryFormatThenIncrementalAndAServerWithoutTheBase() throws Exception {
        Path root = ServerProcessIT.root().resolve("import-e2e-" + System.nanoTime());
        Path aData = root.resolve("a");
        Map<String, String> importsFromA = Map.of("FERRY_IMPORT_ALLOWED_ROOTS", root.toString());
        Server a = Server.start(aData, Map.of());
        Server b = null;
        Server b2 = null;
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + a.password()).getBytes());
            String api = "/api/v1/organizations";
            json(a.process(), a.password(), "{\"name\":\"ACME\"}").post(api).then().statusCode(201);
            json(a.process(), a.password(), "{\"name\":\"Images\",\"label\":\"images\"}").post(api + "/ACME/products").then().statusCode(201);
            String repos = api + "/ACME/products/images/repositories";
            json(a.process(), a.password(), "{\"name\":\"isos\"}").post(repos).then().statusCode(201);
            Map<String, String> files = new TreeMap<>();
            files.put("isos/big.iso", upload(http, a.process(), auth, repos + "/isos", "isos/big.iso", BIG, 11));
            files.put("web/web.ovf", upload(http, a.process(), auth, repos + "/isos", "web/web.ovf", 4_321, 12));
            files.put("web/disk1.vmdk", upload(http, a.process(), auth, repos + "/isos", "web/disk1.vmdk", 3_000_000, 13));
            json(a.process(), a.password(), "{\"name\":\"web\",\"repositories\":[\"images/isos\"]}").post(api + "/ACME/content-views")
                    .then().statusCode(201);
            a.task("{}", CV + "/publish", 202);
            String scope = "{\"kind\":\"content_view_version\",\"contentView\":\"web\",\"version\":\"1.0\"}";
            JsonPath dir = export(a, "{\"scope\":" + scope + ",\"format\":\"dir\",\"link\":false}");
            JsonPath tgz = export(a, "{\"scope\":" + scope + ",\"format\":\"tgz\",\"destination\":\"site-b\"}");
            JsonPath iso = export(a, "{\"scope\":" + scope + ",\"format\":\"iso\",\"volumeSize\":\"100MiB\"}");
            int isoVolumes = iso.getList("volumes").size();
            assertThat(isoVolumes).isGreaterThanOrEqualTo(2);
            List<String> onA = ContentFlowIT.units(a.process(), a.password(), CV + "/versions/1.0/units");
            assertThat(onA).hasSize(3);

            b = Server.start(root.resolve("b"), importsFromA);
            // the check of the ISO bundle with its last volume left behind names it
            Path carried = Files.createDirectories(root.resolve("carried"));
            Path isoDir = Path.of(iso.getString("location"));
            for (int i = 0; i < isoVolumes - 1; i++) {
                String v = iso.getString("volumes[" + i + "].name");
                Files.createLink(carried.resolve(v), isoDir.resolve(v));
            }
            String last = iso.getString("volumes[" + (isoVolumes - 1) + "].name");
            Files.copy(isoDir.resolve("volumes.json"), carried.resolve("volumes.json"));
            caOfA = as(a.process(), a.password()).get("/api/v1/trust/ca.pem").then().statusCode(200).extract().asString();
            json(b.process(), b.password(), "{\"name\":\"untrusting\",\"label\":\"untrusting\"}").post(api).then().statusCode(201);
            json(b.process(), b.password(), "{\"path\":\"" + isoDir + "\"}").post(api + "/untrusting/imports").then()
                    .statusCode(422).body("code", is("FERRY-IMPORT-017")).body("detail", containsString("ferry trust add"));
            createOrg(b, "site-iso");
            JsonPath check = json(b.process(), b.password(), "{\"path\":\"" + carried + "\"}").post(api + "/site-iso/imports/check")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(check.getBoolean("ok")).isFalse();
            assertThat(check.getString("checks.find { it.name == 'volumes-present' }.message")).contains(isoVolumes + " (" + last + ")");

            // ISO: SIGKILL half-way through, restart, run again
            String location = json(b.process(), b.password(), "{\"path\":\"" + isoDir + "\"}").post(api + "/site-iso/imports").then()
                    .statusCode(202).extract().header("Location");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                JsonPath t = as(b.process(), b.password()).get(location).then().statusCode(200).extract().jsonPath();
                if (t.getLong("progress.bytesDone") > 100L << 20) {
                    break;
                }
                assertThat(t.getString("state")).as(t.prettify()).isIn("waiting", "running");
                ServerProcess.sleep(50);
            }
            b.process().kill();
            b = Server.start(root.resolve("b"), importsFromA);
            JsonPath first = as(b.process(), b.password()).get(api + "/site-iso/imports").then().statusCode(200).extract().jsonPath();
            assertThat(first.getString("items[0].status")).isEqualTo("failed");
            assertThat(as(b.process(), b.password()).get(api + "/site-iso/content-views").then().statusCode(200).extract().jsonPath()
                    .getLong("total")).as("nothing applied by the killed import").isZero();
            JsonPath again = b.task("{\"path\":\"" + isoDir + "\"}", api + "/site-iso/imports", 202);
            System.out.printf("ISO import after SIGKILL: %d blobs stored now, %d already verified before the kill%n",
                    again.getLong("result.blobsStored"), again.getLong("result.blobsAlreadyPresent"));
            assertThat(again.getLong("result.blobsStored") + again.getLong("result.blobsAlreadyPresent")).isEqualTo(3);
            assertSame(b, "site-iso", onA, files, "1.0");

            // dir on B (its blobs are stored by now: the import checks the tree and applies the database)
            createOrg(b, "site-dir");
            JsonPath d = b.task("{\"path\":\"" + dir.getString("location") + "\"}", api + "/site-dir/imports", 202);
            assertThat(d.getString("result.version")).isEqualTo("1.0");
            assertSame(b, "site-dir", onA, files, "1.0");
            b.process().stop();
            b = null;

            // tgz on a second fresh server B2: every blob streamed from the tar.gz, verified and stored
            b2 = Server.start(root.resolve("b2"), importsFromA);
            createOrg(b2, "site-tgz");
            JsonPath t0 = b2.task("{\"path\":\"" + tgz.getString("location") + "\"}", api + "/site-tgz/imports", 202);
            assertThat(t0.getString("result.version")).isEqualTo("1.0");
            assertThat(t0.getLong("result.blobsStored")).isEqualTo(3);
            assertSame(b2, "site-tgz", onA, files, "1.0");

            // incremental on A; B applies it on top of the tgz import
            files.put("web/web-2.ovf", upload(http, a.process(), auth, repos + "/isos", "web/web-2.ovf", 10_000_000, 14));
            a.task("{}", CV + "/publish", 202);
            JsonPath inc = export(a, "{\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\"web\",\"version\":\"2.0\"},"
                    + "\"type\":\"incremental\",\"format\":\"tgz\",\"destination\":\"site-b\"}");
            assertThat(inc.getLong("base.exportId")).isEqualTo(tgz.getLong("id"));
            List<String> onA2 = ContentFlowIT.units(a.process(), a.password(), CV + "/versions/2.0/units");
            JsonPath t = b2.task("{\"path\":\"" + inc.getString("location") + "\"}", api + "/site-tgz/imports", 202);
            assertThat(t.getLong("result.blobsStored")).isEqualTo(1);
            assertSame(b2, "site-tgz", onA2, files, "2.0");

            // an organization that has never seen the base (on B2, beside the one that has): refused, naming it; nothing changes
            createOrg(b2, "site-c");
            long blobsBefore;
            try (var st = Files.walk(root.resolve("b2").resolve("blobs").resolve("sha256"))) {
                blobsBefore = st.filter(Files::isRegularFile).count();
            }
            json(b2.process(), b2.password(), "{\"path\":\"" + inc.getString("location") + "\"}").post(api + "/site-c/imports").then()
                    .statusCode(409).body("code", is("FERRY-IMPORT-011"))
                    .body("detail", containsString("base export " + tgz.getLong("id")));
            assertThat(as(b2.process(), b2.password()).get(api + "/site-c/products").then().statusCode(200).extract().jsonPath()
                    .getLong("total")).isZero();
            assertThat(as(b2.process(), b2.password()).get(api + "/site-c/content-views").then().statusCode(200).extract().jsonPath()
                    .getLong("total")).isZero();
            assertThat(as(b2.process(), b2.password()).get(api + "/site-c/imports").then().statusCode(200).extract().jsonPath()
                    .getLong("total")).isZero();
            try (var st = Files.walk(root.resolve("b2").resolve("blobs").resolve("sha256"))) {
                assertThat(st.filter(Files::isRegularFile).count()).as("blobs on B2").isEqualTo(blobsBefore);
            }
        } finally {
            for (Server s : new Server[] {a, b, b2}) {
                if (s != null) {
                    s.process().stop();
                }
            }
            Tools.run(null, "rm", "-rf", root.toString());
        }
    }

    /** The CA of server A, which signs its exports; every importing organization trusts it. */
    static String caOfA;

    static void createOrg(Server s, String label) {
        json(s.process(), s.password(), "{\"name\":\"" + label + "\",\"label\":\"" + label + "\"}").post("/api/v1/organizations")
                .then().statusCode(201);
        json(s.process(), s.password(), new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("pem", caOfA)
                .toString()).post("/api/v1/organizations/" + label + "/trusted-certificates").then().statusCode(201);
    }

    static JsonPath export(Server s, String body) {
        JsonPath task = s.task(body, "/api/v1/organizations/ACME/exports", 202);
        return as(s.process(), s.password()).get("/api/v1/organizations/ACME/exports/" + task.getLong("result.exportId")).then()
                .statusCode(200).extract().jsonPath();
    }

    /** B's version lists A's paths, SHA-256s and sizes, and serves bytes with the same SHA-256 from /content. */
    static void assertSame(Server b, String org, List<String> onA, Map<String, String> files, String version) throws Exception {
        String cv = "/api/v1/organizations/" + org + "/content-views/web";
        assertThat(ContentFlowIT.units(b.process(), b.password(), cv + "/versions/" + version + "/units")).isEqualTo(onA);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + b.password()).getBytes());
        for (Map.Entry<String, String> f : files.entrySet()) { // Library holds the version just imported
            HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(URI.create(b.process().baseUri() + "/content/" + org
                    + "/Library/web/isos/" + f.getKey())).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(res.statusCode()).as(f.getKey()).isEqualTo(200);
            assertThat(ContentFlowIT.sha256(res.body())).as(org + " serves " + f.getKey()).isEqualTo(f.getValue());
        }
    }
}
