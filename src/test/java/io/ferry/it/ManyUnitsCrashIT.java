package io.ferry.it;

import static io.ferry.it.ContentFlowIT.as;
import static io.ferry.it.ContentFlowIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.it.ImportEndToEndIT.Server;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Many small units under SIGKILL: 20,000 files bulk-uploaded to server A (a tar stream from GNU tar through curl) and
 * A killed once some of the blobs are placed; after the restart nothing is committed and the re-run makes the one
 * version. A exports it as tgz; server B imports it and is killed the same way half-way; after the restart nothing is
 * applied, and the re-run imports it, reusing the blobs the killed run had made durable. After each re-run every
 * committed unit's blob is in the store with the bytes of the tree (sha256sum over the store).
 */
class ManyUnitsCrashIT {
    static final int FILES = 20_000;
    static final String API = "/api/v1/organizations";

    @Test
    void killedMidBulkUploadAndMidImportTheRerunsCompleteAndNoCommittedUnitLacksItsBlob() throws Exception {
        Path root = ServerProcessIT.root().resolve("many-units-" + System.nanoTime());
        Path tree = root.resolve("tree");
        Map<String, String> expected = writeTree(tree);
        Map<String, String> importsFromA = Map.of("FERRY_IMPORT_ALLOWED_ROOTS", root.toString());
        CompletableFuture<Server> startingB = CompletableFuture.supplyAsync(() -> start(root.resolve("b"), importsFromA));
        Server a = start(root.resolve("a"), Map.of());
        Server b = null;
        try {
            String repo = API + "/many/products/p/repositories/r";
            json(a.process(), a.password(), "{\"name\":\"many\"}").post(API).then().statusCode(201);
            json(a.process(), a.password(), "{\"name\":\"p\",\"label\":\"p\"}").post(API + "/many/products").then().statusCode(201);
            json(a.process(), a.password(), "{\"name\":\"r\",\"label\":\"r\"}").post(API + "/many/products/p/repositories")
                    .then().statusCode(201);

            // bulk upload, throttled so that it is still streaming when A dies
            Process upload = bulkUpload(a, repo, tree, "--limit-rate", "3M");
            awaitPlacedBlobs(a.data(), upload, "bulk upload");
            a.process().kill();
            upload.destroyForcibly();
            a = start(a.data(), Map.of());
            JsonPath r = as(a.process(), a.password()).get(repo).then().statusCode(200).extract().jsonPath();
            assertThat(r.getInt("latestVersion")).as("the killed upload committed nothing").isZero();
            assertThat(r.getLong("unitCount")).isZero();
            assertNoStagingLeft(a.data());
            Process again = bulkUpload(a, repo, tree);
            String out = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
            JsonPath done = JsonPath.from(out);
            assertThat(done.getInt("version.number")).as(out).isEqualTo(1);
            assertThat(done.getLong("version.unitCount")).isEqualTo(FILES);
            assertEveryUnitHasItsBlob(a, repo + "/versions/1/units", expected);

            // export on A, import on B killed half-way
            json(a.process(), a.password(), "{\"name\":\"cv\",\"label\":\"cv\",\"repositories\":[\"p/r\"]}")
                    .post(API + "/many/content-views").then().statusCode(201);
            a.task("{}", API + "/many/content-views/cv/publish", 202);
            JsonPath exported = a.task("{\"scope\":{\"kind\":\"content_view_version\",\"contentView\":\"cv\",\"version\":\"1.0\"},"
                    + "\"format\":\"tgz\"}", API + "/many/exports", 202);
            String bundle = as(a.process(), a.password()).get(API + "/many/exports/" + exported.getLong("result.exportId"))
                    .then().statusCode(200).extract().jsonPath().getString("location");
            ImportEndToEndIT.caOfA = as(a.process(), a.password()).get("/api/v1/trust/ca.pem").then().statusCode(200).extract()
                    .asString();
            b = startingB.join();
            ImportEndToEndIT.createOrg(b, "site");
            json(b.process(), b.password(), "{\"path\":\"" + bundle + "\"}").post(API + "/site/imports").then().statusCode(202);
            awaitPlacedBlobs(b.data(), null, "import");
            b.process().kill();
            b = start(b.data(), importsFromA);
            JsonPath imports = as(b.process(), b.password()).get(API + "/site/imports").then().statusCode(200).extract().jsonPath();
            assertThat(imports.getString("items[0].status")).as("the killed import").isEqualTo("failed");
            assertThat(as(b.process(), b.password()).get(API + "/site/content-views").then().statusCode(200).extract().jsonPath()
                    .getLong("total")).as("nothing applied by the killed import").isZero();
            assertNoStagingLeft(b.data());
            JsonPath rerun = b.task("{\"path\":\"" + bundle + "\"}", API + "/site/imports", 202);
            assertThat(rerun.getString("result.outcome")).isEqualTo("imported");
            assertThat(rerun.getLong("result.blobsAlreadyPresent")).as("blobs the killed run made durable are not read again")
                    .isGreaterThan(0);
            assertThat(rerun.getLong("result.blobsStored") + rerun.getLong("result.blobsAlreadyPresent")).isEqualTo(FILES);
            assertEveryUnitHasItsBlob(b, API + "/site/content-views/cv/versions/1.0/units", expected);
        } finally {
            a.process().stop();
            if (b != null) {
                b.process().stop();
            } else {
                startingB.thenAccept(s -> {
                    try {
                        s.process().stop();
                    } catch (Exception ignored) {
                        // the test failed already
                    }
                });
            }
        }
    }

    private static Server start(Path data, Map<String, String> env) {
        try {
            return Server.start(data, env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 20,000 files of 100 B - 2 KiB in 40 directories; answers path -> SHA-256. */
    private static Map<String, String> writeTree(Path tree) throws Exception {
        Map<String, String> sha = new TreeMap<>();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        java.util.Random random = new java.util.Random(20);
        for (int i = 0; i < FILES; i++) {
            String rel = "d" + (i % 40) + "/unit-" + i + ".txt";
            if (i < 40) {
                Files.createDirectories(tree.resolve(rel).getParent());
            }
            byte[] body = ("unit " + i + " ").repeat(10 + random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
            Files.write(tree.resolve(rel), body);
            sha.put(rel, HexFormat.of().formatHex(md.digest(body)));
        }
        return sha;
    }

    /** {@code tar -cf - -C TREE . | curl -T - .../content/archive}: the tree as an independent tool streams it. */
    private static Process bulkUpload(Server s, String repo, Path tree, String... curlOptions) throws Exception {
        String url = s.process().baseUri() + repo + "/content/archive";
        String cmd = "tar -cf - -C '" + tree + "' . | curl -sS " + String.join(" ", curlOptions) + " -u 'admin:" + s.password()
                + "' -X POST -H 'Content-Type: application/x-tar' -T - '" + url + "'";
        return new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
    }

    /** Waits until the server has placed a first batch of blobs (the 4,096th file is durable), then returns. */
    private static void awaitPlacedBlobs(Path data, Process client, String what) throws Exception {
        Path objects = data.resolve("blobs/sha256");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> dirs = Files.list(objects)) {
                if (dirs.findAny().isPresent()) {
                    return;
                }
            }
            if (client != null && !client.isAlive()) {
                throw new AssertionError(what + " ended before a blob was placed: "
                        + new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            ServerProcess.sleep(20);
        }
        throw new AssertionError(what + ": no blob placed within 3 minutes");
    }

    private static void assertNoStagingLeft(Path data) throws Exception {
        try (Stream<Path> tmp = Files.list(data.resolve("blobs/tmp"))) {
            assertThat(tmp.map(p -> p.getFileName().toString())).as("staging directories are cleaned at start")
                    .noneMatch(n -> n.startsWith("batch-"));
        }
    }

    /** Every unit the server lists is a file of the tree with its SHA-256, and its blob is in the store with those bytes. */
    private static void assertEveryUnitHasItsBlob(Server s, String unitsPath, Map<String, String> expected) throws Exception {
        Map<String, String> listed = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonPath p = as(s.process(), s.password()).get(unitsPath + "?size=5000&page=" + page).then().statusCode(200).extract()
                    .jsonPath();
            List<String> paths = p.getList("items.relativePath");
            List<String> shas = p.getList("items.sha256");
            for (int i = 0; i < paths.size(); i++) {
                listed.put(paths.get(i), shas.get(i));
            }
            if (paths.size() < 5000) {
                break;
            }
        }
        assertThat(listed).isEqualTo(expected);
        Map<String, String> stored = sha256sumOfStore(s.data());
        for (String sha : expected.values()) {
            assertThat(stored.get(sha)).as("blob " + sha).isEqualTo(sha);
        }
    }

    /** sha256sum over every blob file: file name -> the digest of its bytes. */
    private static Map<String, String> sha256sumOfStore(Path data) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "cd '" + data.resolve("blobs/sha256") + "' && find . -type f -print0 | "
                + "xargs -0 sha256sum").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, String> out = new HashMap<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.put(line.substring(line.lastIndexOf('/') + 1), line.substring(0, 64));
            }
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return out;
    }
}
