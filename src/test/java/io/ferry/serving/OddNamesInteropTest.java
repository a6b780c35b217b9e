package io.ferry.serving;

import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Names that broke syncing between Ferry and Pulp's file plugin go through PULP_MANIFEST both ways: the manifest is
 * written as Pulp writes it (paths unquoted) and read as Pulp reads it (split at the last two commas), and the files
 * are fetched by URLs with each segment percent-encoded. Ferry to Ferry here; the parser mirrors Pulp's
 * {@code line.rsplit(",", 2)}.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class OddNamesInteropTest {
    static final List<String> NAMES = List.of("odd/comma,name.txt", "odd/\"quoted\".txt", "odd/semi;colon.txt", "odd/[brackets].txt",
            "odd/hash#tag.txt", "odd/what?.txt", "odd/%41percent.txt", "odd/with space.txt", "odd/Ångström ünïcødé.txt",
            "odd/a,b,c,\"d\".txt");

    @Test
    void oddNamesSyncThroughPulpManifestAndTheManifestIsWrittenAsPulpWritesIt() throws Exception {
        Repo a = ContentFixtures.repo();
        Map<String, String> shas = new TreeMap<>();
        int i = 0;
        for (String n : NAMES) {
            byte[] data = ("file " + n + " " + (i++)).getBytes(StandardCharsets.UTF_8);
            uploadOk(a, n, data);
            shas.put(n, ContentFixtures.sha256(data));
        }
        String manifest = Api.asAdmin().get(a.contentPath() + "PULP_MANIFEST").then().statusCode(200).extract().asString();
        for (String n : NAMES) {
            assertThat("\n" + manifest).as("line of " + n + ", unquoted").contains("\n" + n + "," + shas.get(n) + ",");
        }

        Repo b = ContentFixtures.repo(a.org());
        String url = RestAssured.baseURI + ":" + RestAssured.port + a.contentPath();
        Api.asAdmin().contentType("application/json").body(Map.of("remote", Map.of("url", url, "username", "admin", "password",
                Api.adminPassword()))).put(b.path()).then().statusCode(200);
        String location = Api.asAdmin().post(b.path() + "/sync").then().statusCode(202).extract().header("Location");
        JsonPath t = Tasks.await(location, x -> !List.of("waiting", "running").contains(x.getString("state")));
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        JsonPath units = Api.asAdmin().get(b.path() + "/versions/1/units?size=100").then().statusCode(200).extract().jsonPath();
        Map<String, String> synced = new TreeMap<>();
        for (int k = 0; k < units.getList("items").size(); k++) {
            synced.put(units.getString("items[" + k + "].relativePath"), units.getString("items[" + k + "].sha256"));
        }
        assertThat(synced).isEqualTo(shas);
    }

    @Test
    void literalSemicolonsAndEncodedNamesReachTheFile() throws Exception {
        Repo r = ContentFixtures.repo();
        byte[] data = "semi".getBytes(StandardCharsets.UTF_8);
        uploadOk(r, "x/semi;colon.txt", data);
        uploadOk(r, "x/[b].txt", data);
        String base = RestAssured.baseURI + ":" + RestAssured.port + r.contentPath() + "x/";
        for (String raw : List.of("semi;colon.txt", "semi%3Bcolon.txt", "semi%3bcolon.txt", "%5Bb%5D.txt")) {
            Raw res = rawGet(base + raw);
            assertThat(res.statusCode()).as(raw).isEqualTo(200);
            assertThat(res.body()).isEqualTo(data);
        }
    }

    record Raw(int statusCode, byte[] body) {
    }

    /** A GET with the path exactly as given (java.net.URI refuses raw brackets): what curl --path-as-is -g sends. */
    static Raw rawGet(String url) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-g", "--path-as-is", "-u", "admin:" + Api.adminPassword(), "-w", "\n%{http_code}",
                url).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        int nl = out.length - 1;
        while (out[nl] != '\n') {
            nl--;
        }
        int status = Integer.parseInt(new String(out, nl + 1, out.length - nl - 1, StandardCharsets.US_ASCII).trim());
        return new Raw(status, java.util.Arrays.copyOf(out, nl));
    }
}
