package io.ferry.it;

import static io.ferry.it.ContentFlowIT.as;
import static io.ferry.it.ContentFlowIT.await;
import static io.ferry.it.ContentFlowIT.json;
import static io.ferry.it.ContentFlowIT.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Tools;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The export issue's must-show, against the packaged server (256 MiB heap): a content view with three
 * files (one over 1 GiB) exported complete as dir, as one tgz and as ISO volumes of 700 MiB; GNU tar,
 * bsdtar, isoinfo and sha256sum check the output; then one more file, a new version, and an incremental
 * export holding only that file's blob.
 */
class ExportMustShowIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void completeAsDirTgzAndIsoVolumesThenIncremental() throws Exception {
        Path data = ServerProcessIT.root().resolve("export-must-show-" + System.nanoTime());
        Path scratch = Files.createDirectories(data.resolveSibling(data.getFileName() + "-scratch"));
        ServerProcess server = ServerProcess.start(data, Map.of());
        try {
            String pw = Files.readString(data.resolve("admin-password")).strip();
            String api = "/api/v1/organizations";
            json(server, pw, "{\"name\":\"ACME\"}").post(api).then().statusCode(201);
            json(server, pw, "{\"name\":\"Images\",\"label\":\"images\"}").post(api + "/ACME/products").then().statusCode(201);
            String repos = api + "/ACME/products/images/repositories";
            json(server, pw, "{\"name\":\"isos\"}").post(repos).then().statusCode(201);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + pw).getBytes());
            Map<String, String> files = new TreeMap<>();
            files.put("isos/big.iso", upload(http, server, auth, repos + "/isos", "isos/big.iso", ContentFlowIT.BIG, 1));
            files.put("web/web.ovf", upload(http, server, auth, repos + "/isos", "web/web.ovf", 4_321, 2));
            files.put("web/web-disk1.vmdk", upload(http, server, auth, repos + "/isos", "web/web-disk1.vmdk", 3_000_000, 3));
            json(server, pw, "{\"name\":\"web\",\"repositories\":[\"images/isos\"]}").post(api + "/ACME/content-views")
                    .then().statusCode(201);
            await(server, pw, json(server, pw, "{}").post(api + "/ACME/content-views/web/publish").then().statusCode(202)
                    .extract().header("Location"));
            String scope = "{\"kind\":\"content_view_version\",\"contentView\":\"web\",\"version\":\"1.0\"}";
            Set<String> shas = new HashSet<>(files.values());

            // dir: every blob present (hard-linked) and sha256sum agrees with the names and the manifest
            JsonPath dir = export(server, pw, "{\"scope\":" + scope + ",\"format\":\"dir\"}");
            Path dirLoc = Path.of(dir.getString("location"));
            Set<String> dirSums = new HashSet<>();
            for (String line : Tools.ok(dirLoc.resolve("blobs"), "sh", "-c", "sha256sum *").split("\n")) {
                assertThat(line.substring(66)).isEqualTo(line.substring(0, 64));
                dirSums.add(line.substring(0, 64));
            }
            assertThat(dirSums).isEqualTo(shas);

            // one tgz: tar lists it, the manifest's volume checksum is sha256sum's
            JsonPath tgz = export(server, pw, "{\"scope\":" + scope + ",\"format\":\"tgz\"}");
            Path tgzLoc = Path.of(tgz.getString("location"));
            String tgzName = tgz.getString("volumes[0].name");
            List<String> tgzEntries = Tools.ok(tgzLoc, "tar", "-tzf", tgzName).lines().toList();
            assertThat(tgzEntries).contains("ferry/manifest.json", "ferry/volume.json");
            for (String sha : shas) {
                assertThat(tgzEntries).contains("blobs/" + sha);
            }
            assertThat(Tools.ok(tgzLoc, "sha256sum", tgzName).substring(0, 64)).isEqualTo(tgz.getString("volumes[0].sha256"))
                    .isEqualTo(JSON.readTree(tgzLoc.resolve("volumes.json").toFile()).path("volumes").get(0).path("sha256").asText());

            // ISO volumes of 700 MiB: each lists with bsdtar and isoinfo, checksums match, the big file reassembles
            JsonPath iso = export(server, pw, "{\"scope\":" + scope + ",\"format\":\"iso\",\"volumeSize\":\"cd\"}");
            Path isoLoc = Path.of(iso.getString("location"));
            List<Map<String, Object>> volumes = iso.getList("volumes");
            assertThat(volumes).hasSizeGreaterThanOrEqualTo(2);
            JsonNode index = JSON.readTree(isoLoc.resolve("volumes.json").toFile());
            Path all = Files.createDirectories(scratch.resolve("iso"));
            for (int i = 0; i < volumes.size(); i++) {
                String name = (String) volumes.get(i).get("name");
                assertThat(Files.size(isoLoc.resolve(name))).isLessThanOrEqualTo(700L * 1024 * 1024);
                assertThat(Tools.ok(isoLoc, "bsdtar", "-tf", name).lines()).contains("ferry/manifest.json", "ferry/volume.json");
                assertThat(Tools.ok(isoLoc, "isoinfo", "-J", "-l", "-i", name)).contains("manifest.json");
                String sum = Tools.ok(isoLoc, "sha256sum", name).substring(0, 64);
                assertThat(sum).isEqualTo(volumes.get(i).get("sha256")).isEqualTo(index.path("volumes").get(i).path("sha256").asText());
                Tools.ok(all, "bsdtar", "-xf", isoLoc.resolve(name).toString());
            }
            JsonNode manifest = JSON.readTree(all.resolve("ferry/manifest.json").toFile());
            for (JsonNode b : manifest.path("blobs")) {
                String cmd = b.has("parts") ? "cat " + String.join(" ", b.path("parts").findValuesAsText("path")) + " | sha256sum"
                        : "sha256sum " + b.path("path").asText();
                assertThat(Tools.ok(all, "sh", "-c", cmd).substring(0, 64)).isEqualTo(b.path("sha256").asText());
            }
            assertThat(manifest.path("blobs").findValuesAsText("sha256")).containsAll(shas);
            Tools.ok(null, "rm", "-rf", all.toString());

            // one more file, version 2.0, incremental: only that blob travels
            String added = upload(http, server, auth, repos + "/isos", "web/web-2.ovf", 10_000_000, 4);
            await(server, pw, json(server, pw, "{}").post(api + "/ACME/content-views/web/publish").then().statusCode(202)
                    .extract().header("Location"));
            JsonPath inc = export(server, pw, "{\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\"web\","
                    + "\"version\":\"2.0\"},\"type\":\"incremental\",\"format\":\"tgz\"}");
            assertThat(inc.getLong("base.exportId")).isEqualTo(iso.getLong("id"));
            Path incVol = Path.of(inc.getString("location")).resolve(inc.getString("volumes[0].name"));
            assertThat(Tools.ok(null, "tar", "-tzf", incVol.toString()).lines().toList())
                    .containsExactlyInAnyOrder("ferry/manifest.json", "ferry/volume.json", "ferry/manifest.json.p7s", "blobs/" + added);
            assertThat(Files.size(incVol)).isLessThan(10_000_000 + 1024 * 1024);
        } finally {
            server.stop();
            Tools.run(null, "rm", "-rf", data.toString(), scratch.toString());
        }
    }

    static JsonPath export(ServerProcess server, String pw, String body) {
        JsonPath task = await(server, pw, json(server, pw, body).post("/api/v1/organizations/ACME/exports").then().statusCode(202)
                .extract().header("Location"));
        return as(server, pw).get("/api/v1/organizations/ACME/exports/" + task.getLong("result.exportId")).then().statusCode(200)
                .extract().jsonPath();
    }
}
