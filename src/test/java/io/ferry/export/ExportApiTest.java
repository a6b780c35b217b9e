package io.ferry.export;

import static io.ferry.export.ExportFixtures.createView;
import static io.ferry.export.ExportFixtures.cvScope;
import static io.ferry.export.ExportFixtures.export;
import static io.ferry.export.ExportFixtures.exports;
import static io.ferry.export.ExportFixtures.publish;
import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exports in every format, read back with GNU tar, bsdtar, isoinfo and sha256sum rather than with our own code. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ExportApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A scratch directory for extracting what the tools read (JUnit's @TempDir does not reach @QuarkusTest instances). */
    final Path tmp = scratch();

    static Path scratch() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "scratch")), "export-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Published(Repo repo, String cv, Map<String, byte[]> files) {
    }

    static byte[] text(int size, int seed) {
        StringBuilder b = new StringBuilder();
        int i = seed;
        while (b.length() < size) {
            b.append("line ").append(i++).append(": the quick brown fox jumps over the lazy dog\n");
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static Published published() {
        Repo r = ContentFixtures.repo();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("images/a.iso", bytes(300_000, 11));
        files.put("docs/readme.txt", text(200_000, 1));
        files.put("images/big.img", bytes(2_500_000, 12));
        files.forEach((path, data) -> uploadOk(r, path, data));
        String cv = createView(r);
        publish(r.org(), cv);
        return new Published(r, cv, files);
    }

    static Set<String> shas(Map<String, byte[]> files) {
        Set<String> s = new HashSet<>();
        files.values().forEach(d -> s.add(sha256(d)));
        return s;
    }

    /** sha256sum's digest of each file in a directory, by file name. */
    static Map<String, String> sha256sum(Path dir) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        }
        List<String> cmd = new ArrayList<>(List.of("sha256sum"));
        cmd.addAll(names);
        for (String line : Tools.ok(dir, cmd.toArray(String[]::new)).split("\n")) {
            out.put(line.substring(66), line.substring(0, 64));
        }
        return out;
    }

    @Test
    void dirExportLinksEveryBlobAndItsManifestListsTheUnits() throws Exception {
        Published p = published();
        JsonPath e = export(p.repo().org(), "{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"dir\"}");
        assertThat(e.getString("status")).isEqualTo("complete");
        assertThat(e.getString("type")).isEqualTo("complete");
        Path dir = Path.of(e.getString("location"));
        Map<String, String> sums = sha256sum(dir.resolve("blobs"));
        assertThat(new HashSet<>(sums.values())).isEqualTo(shas(p.files()));
        sums.forEach((name, sha) -> assertThat(name).isEqualTo(sha));
        for (String name : sums.keySet()) {
            assertThat((Integer) Files.getAttribute(dir.resolve("blobs").resolve(name), "unix:nlink")).as("hard link").isGreaterThan(1);
        }
        JsonNode m = JSON.readTree(dir.resolve("ferry/manifest.json").toFile());
        assertThat(m.path("format").asText()).isEqualTo("ferry-export");
        assertThat(m.path("formatVersion").asInt()).isEqualTo(1);
        assertThat(m.path("scope").path("contentView").path("label").asText()).isEqualTo(p.cv());
        assertThat(m.path("scope").path("contentView").path("version").asText()).isEqualTo("1.0");
        assertThat(m.path("source").path("serverId").asText()).isNotBlank();
        JsonNode repo = m.path("repositories").get(0);
        assertThat(repo.path("label").asText()).isEqualTo(p.repo().repo());
        assertThat(repo.path("product").path("label").asText()).isEqualTo(p.repo().product());
        Map<String, String> units = new LinkedHashMap<>();
        repo.path("units").forEach(u -> units.put(u.path("relativePath").asText(), u.path("sha256").asText()));
        Map<String, String> expected = new LinkedHashMap<>();
        p.files().forEach((path, data) -> expected.put(path, sha256(data)));
        assertThat(units).isEqualTo(expected);
        assertThat(sha256sum(dir.resolve("ferry")).get("manifest.json")).isEqualTo(e.getString("manifestSha256"));
        JsonNode marker = JSON.readTree(dir.resolve("ferry/volume.json").toFile());
        assertThat(marker.path("manifestSha256").asText()).isEqualTo(e.getString("manifestSha256"));
        assertThat(marker.path("volume").asInt()).isEqualTo(1);
        assertThat(marker.path("volumes").asInt()).isEqualTo(1);
    }

    @Test
    void tgzVolumesAreEachValidAndTogetherHoldEveryBlobByteForByte() throws Exception {
        Published p = published();
        JsonPath one = export(p.repo().org(), "{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"tgz\"}");
        assertThat(one.getList("volumes")).hasSize(1);
        Path single = Path.of(one.getString("location"));
        Path x = Files.createDirectories(tmp.resolve("single"));
        Tools.ok(x, "tar", "-xzf", single.resolve(one.getString("volumes[0].name")).toString());
        assertThat(new HashSet<>(sha256sum(x.resolve("blobs")).values())).isEqualTo(shas(p.files()));

        JsonPath split = export(p.repo().org(), "{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"tgz\",\"volumeSize\":\"1MiB\"}");
        checkVolumes(split, p, "tgz");
    }

    @Test
    void isoVolumesListWithBsdtarAndIsoinfoAndSplitBlobsReassemble() throws Exception {
        Published p = published();
        JsonPath split = export(p.repo().org(), "{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"iso\",\"volumeSize\":\"1MiB\"}");
        checkVolumes(split, p, "iso");
    }

    /** Every volume lists on its own, carries the manifest and a marker, matches its checksum; all blobs come back. */
    private void checkVolumes(JsonPath e, Published p, String format) throws Exception {
        Path loc = Path.of(e.getString("location"));
        List<Map<String, Object>> volumes = e.getList("volumes");
        assertThat(volumes.size()).as("a 2.5 MB blob cannot fit 1 MiB volumes").isGreaterThan(2);
        Map<String, String> sums = sha256sum(loc);
        JsonNode index = JSON.readTree(loc.resolve("volumes.json").toFile());
        assertThat(index.path("volumes")).hasSize(volumes.size());
        Path all = Files.createDirectories(tmp.resolve("all-" + format));
        for (int i = 0; i < volumes.size(); i++) {
            String name = (String) volumes.get(i).get("name");
            Path vol = loc.resolve(name);
            assertThat(Files.size(vol)).as("volume within its size").isLessThanOrEqualTo(1024 * 1024);
            assertThat(sums.get(name)).isEqualTo(volumes.get(i).get("sha256")).isEqualTo(index.path("volumes").get(i).path("sha256").asText());
            String listing = format.equals("tgz") ? Tools.ok(loc, "tar", "-tzf", name) : Tools.ok(loc, "bsdtar", "-tf", name);
            assertThat(listing.lines()).contains("ferry/manifest.json", "ferry/volume.json");
            if (format.equals("iso")) {
                assertThat(Tools.ok(loc, "isoinfo", "-J", "-f", "-i", name).lines()).contains("/ferry/manifest.json");
                Tools.ok(loc, "isoinfo", "-J", "-l", "-i", name);
            }
            Path one = Files.createDirectories(tmp.resolve(format + "-v" + (i + 1)));
            Tools.ok(one, format.equals("tgz") ? "tar" : "bsdtar", "-xf", vol.toString());
            JsonNode marker = JSON.readTree(one.resolve("ferry/volume.json").toFile());
            assertThat(marker.path("volume").asInt()).isEqualTo(i + 1);
            assertThat(marker.path("volumes").asInt()).isEqualTo(volumes.size());
            assertThat(sha256sum(one.resolve("ferry")).get("manifest.json")).isEqualTo(e.getString("manifestSha256"));
            Tools.ok(all, format.equals("tgz") ? "tar" : "bsdtar", "-xf", vol.toString());
        }
        assertThat(Tools.ok(loc, "sha256sum", "-c", "SHA256SUMS")).doesNotContain("FAILED");
        JsonNode manifest = JSON.readTree(all.resolve("ferry/manifest.json").toFile());
        Set<String> restored = new HashSet<>();
        boolean sawParts = false;
        for (JsonNode b : manifest.path("blobs")) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            if (b.has("parts")) {
                sawParts = true;
                for (JsonNode part : b.path("parts")) {
                    byte[] data = Files.readAllBytes(all.resolve(part.path("path").asText()));
                    assertThat(sha256(data)).isEqualTo(part.path("sha256").asText());
                    assertThat(data.length).isEqualTo(part.path("size").asInt());
                    whole.write(data);
                }
            } else {
                whole.write(Files.readAllBytes(all.resolve(b.path("path").asText())));
            }
            assertThat(sha256(whole.toByteArray())).isEqualTo(b.path("sha256").asText());
            restored.add(sha256(whole.toByteArray()));
        }
        assertThat(sawParts).isTrue();
        assertThat(restored).isEqualTo(shas(p.files()));
    }

    @Test
    void incrementalCarriesOnlyTheNewBlobButListsTheWholeState() throws Exception {
        Published p = published();
        String org = p.repo().org();
        JsonPath full = export(org, "{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"tgz\",\"destination\":\"site-a\"}");
        byte[] added = bytes(150_000, 99);
        uploadOk(p.repo(), "images/new.qcow2", added);
        assertThat(publish(org, p.cv())).isEqualTo("2.0");
        String body = "{\"scope\":" + cvScope(p.cv(), "2.0") + ",\"type\":\"incremental\",\"format\":\"tgz\",\"destination\":\"site-a\"}";
        JsonPath plan = Api.asAdmin().contentType("application/json").body(body).post(exports(org) + "/plan").then()
                .statusCode(200).extract().jsonPath();
        assertThat(plan.getLong("newBlobs")).isEqualTo(1);
        assertThat(plan.getLong("newBytes")).isEqualTo(added.length);
        assertThat(plan.getLong("baseBlobs")).isEqualTo(3);
        assertThat(plan.getLong("units")).isEqualTo(4);
        assertThat(plan.getInt("volumes")).isEqualTo(1);
        assertThat(plan.getLong("base.exportId")).isEqualTo(full.getLong("id"));

        JsonPath inc = export(org, body);
        assertThat(inc.getString("type")).isEqualTo("incremental");
        assertThat(inc.getLong("base.exportId")).isEqualTo(full.getLong("id"));
        assertThat(inc.getString("base.manifestSha256")).isEqualTo(full.getString("manifestSha256"));
        Path vol = Path.of(inc.getString("location")).resolve(inc.getString("volumes[0].name"));
        List<String> entries = Tools.ok(null, "tar", "-tzf", vol.toString()).lines().toList();
        assertThat(entries).containsExactlyInAnyOrder("ferry/manifest.json", "ferry/volume.json", "ferry/manifest.json.p7s",
                "blobs/" + sha256(added));
        Path x = Files.createDirectories(tmp.resolve("inc"));
        Tools.ok(x, "tar", "-xzf", vol.toString());
        JsonNode m = JSON.readTree(x.resolve("ferry/manifest.json").toFile());
        assertThat(m.path("export").path("type").asText()).isEqualTo("incremental");
        assertThat(m.path("base").path("exportId").asLong()).isEqualTo(full.getLong("id"));
        assertThat(m.path("repositories").get(0).path("units")).hasSize(4);
        assertThat(m.path("blobs")).hasSize(1);

        // the same incremental again carries nothing new: its base is now the incremental itself
        JsonPath again = export(org, body);
        assertThat(again.getLong("base.exportId")).isEqualTo(inc.getLong("id"));
        assertThat(again.getLong("blobCount")).isZero();
    }

    @Test
    void sinceCarriesWhatWasAddedAfterTheDate() throws Exception {
        Published p = published();
        String org = p.repo().org();
        String before = java.time.OffsetDateTime.now().toString();
        io.ferry.support.Tasks.sleep(50);
        byte[] added = bytes(1000, 77);
        uploadOk(p.repo(), "late.bin", added);
        String body = "{\"scope\":{\"kind\":\"repository\",\"product\":\"" + p.repo().product() + "\",\"repository\":\""
                + p.repo().repo() + "\"},\"type\":\"incremental\",\"since\":\"" + before + "\",\"format\":\"tgz\"}";
        JsonPath e = export(org, body);
        assertThat(e.getLong("blobCount")).isEqualTo(1);
        assertThat(e.getString("base.since")).isNotNull();
        assertThat(e.getLong("unitCount")).isEqualTo(4);
    }

    @Test
    void libraryScopeCoversEveryRepositoryOfTheOrganization() {
        Published p = published();
        Repo other = ContentFixtures.repo(p.repo().org());
        uploadOk(other, "x.bin", bytes(10, 5));
        JsonPath plan = Api.asAdmin().contentType("application/json").body("{\"scope\":{\"kind\":\"library\"}}")
                .post(exports(p.repo().org()) + "/plan").then().statusCode(200).extract().jsonPath();
        assertThat(plan.getLong("units")).isEqualTo(4);
        assertThat(plan.getLong("repositories")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void streamedTgzIsRecordedWithTheDigestOfWhatWasSentAndVolumesDownload() throws Exception {
        Published p = published();
        String org = p.repo().org();
        var response = Api.asAdmin().contentType("application/json").body("{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"tgz\"}")
                .post(exports(org) + "/stream").then().statusCode(200).extract();
        byte[] body = response.asByteArray();
        long id = Long.parseLong(response.header("X-Ferry-Export-Id"));
        Path f = tmp.resolve("streamed.tar.gz");
        Files.write(f, body);
        List<String> entries = Tools.ok(null, "tar", "-tzf", f.toString()).lines().toList();
        assertThat(entries).contains("ferry/manifest.json");
        assertThat(entries.stream().filter(s -> s.startsWith("blobs/"))).hasSize(3);
        JsonPath view = Api.asAdmin().get(exports(org) + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("status")).isEqualTo("complete");
        assertThat(view.getString("volumes[0].sha256")).isEqualTo(sha256(body));
        assertThat(view.getString("location")).isNull();
        Api.asAdmin().get(exports(org) + "/" + id + "/files/" + view.getString("volumes[0].name")).then().statusCode(410)
                .body("code", is("FERRY-EXPORT-007"));

        JsonPath stored = export(org, "{\"scope\":" + cvScope(p.cv(), "1.0") + ",\"format\":\"iso\"}");
        String name = stored.getString("volumes[0].name");
        byte[] downloaded = Api.asAdmin().get(exports(org) + "/" + stored.getLong("id") + "/files/" + name).then().statusCode(200)
                .extract().asByteArray();
        assertThat(sha256(downloaded)).isEqualTo(stored.getString("volumes[0].sha256"));
        Api.asAdmin().get(exports(org) + "/" + stored.getLong("id") + "/files/..%2F..%2Fetc%2Fpasswd").then().statusCode(404);

        Api.asAdmin().delete(exports(org) + "/" + stored.getLong("id")).then().statusCode(204);
        assertThat(Files.exists(Path.of(stored.getString("location")))).isFalse();
        Api.asAdmin().get(exports(org) + "/" + stored.getLong("id")).then().statusCode(404).body("code",
                is("FERRY-EXPORT-001"));
    }
}
