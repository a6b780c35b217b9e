package io.ferry.imports;

import static io.ferry.export.ExportFixtures.export;
import static io.ferry.imports.ImportFixtures.blobFile;
import static io.ferry.imports.ImportFixtures.body;
import static io.ferry.imports.ImportFixtures.forget;
import static io.ferry.imports.ImportFixtures.importOk;
import static io.ferry.imports.ImportFixtures.start;
import static io.ferry.imports.ImportFixtures.state;
import static io.ferry.imports.ImportFixtures.units;
import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Incremental exports that carry a changed large image as a delta (chunks the base lacks plus the chunk list), in tgz
 * and dir form, imported into another organization after the image's blob was removed from the store, so the import
 * really rebuilds it from the base's chunks; and deltas altered in each way the format can be attacked, each refused
 * with its code, nothing changed. Indexing starts at 8 MiB in tests (%test.ferry.delta.min-blob-size).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class DeltaImportTest {
    static final int SIZE = 24 << 20;
    static final ObjectMapper JSON = new ObjectMapper();

    /** A copy of {@code base} with 1% of its bytes overwritten in {@code places} places and 1 MiB inserted in the middle. */
    static byte[] changed(byte[] base, long seed, int places) {
        java.util.Random r = new java.util.Random(seed);
        byte[] out = base.clone();
        int run = base.length / 100 / places;
        for (int i = 0; i < places; i++) {
            int at = r.nextInt(base.length - run);
            byte[] noise = new byte[run];
            r.nextBytes(noise);
            System.arraycopy(noise, 0, out, at, run);
        }
        byte[] inserted = bytes(1 << 20, seed + 1);
        byte[] result = new byte[out.length + inserted.length];
        int mid = out.length / 2;
        System.arraycopy(out, 0, result, 0, mid);
        System.arraycopy(inserted, 0, result, mid, inserted.length);
        System.arraycopy(out, mid, result, mid + inserted.length, out.length - mid);
        return result;
    }

    record Exports(Repo repo, String cv, byte[] v1, byte[] v2, JsonPath full, JsonPath plan, JsonPath inc) {
    }

    static Exports exports(String format) {
        Repo r = ContentFixtures.repo();
        byte[] v1 = bytes(SIZE, System.nanoTime());
        uploadOk(r, "images/disk.img", v1);
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        String extra = format.equals("dir") ? ",\"link\":false" : "";
        JsonPath full = export(r.org(), ImportApiTest.cvExport(cv, "1.0", format, extra + ",\"destination\":\"site\""));
        if (format.equals("dir")) { // as if v1 were stored before indexing: the export makes its index when it needs it
            forgetIndex(sha256(v1));
        }
        byte[] v2 = changed(v1, 42, 4);
        uploadOk(r, "images/disk.img", v2); // replaces the image: version 2.0 no longer names v1
        ContentFixtures.publish(r.org(), cv);
        String body = ImportApiTest.cvExport(cv, "2.0", format, extra + ",\"type\":\"incremental\",\"destination\":\"site\"");
        JsonPath plan = Api.asAdmin().contentType("application/json").body(body)
                .post("/api/v1/organizations/" + r.org() + "/exports/plan").then().statusCode(200).extract().jsonPath();
        JsonPath inc = export(r.org(), body);
        return new Exports(r, cv, v1, v2, full, plan, inc);
    }

    static Path index(String sha) {
        return TestDatabaseResource.dataDir().resolve("blobs/chunks").resolve(sha.substring(0, 2)).resolve(sha + ".cdx");
    }

    static void forgetIndex(String sha) {
        try {
            Files.delete(index(sha));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aChangedImageTravelsAsItsChangedChunksAndIsRebuiltByteForByte() throws Exception {
        Exports e = exports("tgz");
        JsonPath inc = e.inc();
        assertThat(inc.getLong("deltaBlobs")).as(inc.prettify()).isEqualTo(1);
        long carried = inc.getLong("totalSize");
        // the dry run said so first: one delta, and the bytes it saves taken off what would be written
        assertThat(e.plan().getLong("deltaBlobs")).as(e.plan().prettify()).isEqualTo(1);
        assertThat(e.plan().getLong("deltaSavedBytes")).isEqualTo(inc.getLong("deltaSavedBytes")).isGreaterThan(e.v2().length / 2);
        assertThat(e.plan().getLong("newBytes")).isEqualTo(e.v2().length - inc.getLong("deltaSavedBytes"));
        assertThat(carried).isLessThan(e.plan().getLong("estimatedBytes") + 100_000);
        System.out.printf("delta: %d-byte image changed, incremental tgz of %d bytes (%.1f%%)%n", e.v2().length, carried,
                100.0 * carried / e.v2().length);
        assertThat(carried).as("the incremental carries the changed chunks, not the image").isLessThan(e.v2().length / 3);
        Path location = Path.of(inc.getString("location"));
        JsonNode manifest = JSON.readTree(location.resolve("manifest.json").toFile());
        assertThat(manifest.path("formatVersion").asInt()).isEqualTo(2);
        JsonNode blob = manifest.path("blobs").get(0);
        assertThat(blob.path("sha256").asText()).isEqualTo(sha256(e.v2()));
        assertThat(blob.path("path").asText()).isEqualTo("deltas/" + sha256(e.v2()));
        assertThat(blob.path("delta").path("bases").get(0).asText()).isEqualTo(sha256(e.v1()));
        // tar and gzip read the volume: the delta is an ordinary file in it
        Path volume = location.resolve(inc.getString("volumes[0].name"));
        assertThat(Tools.ok(location, "tar", "-tzf", volume.toString())).contains("deltas/" + sha256(e.v2()));

        String org = ContentFixtures.org();
        importOk(org, Path.of(e.full().getString("location")));
        forget(List.of(sha256(e.v2())));
        JsonPath check = ImportFixtures.check(org, location);
        assertThat(check.getBoolean("ok")).as(check.prettify()).isTrue();
        assertThat(check.getLong("bundle.deltaBlobs")).isEqualTo(1);
        assertThat(check.getLong("bundle.deltaSavedBytes")).isEqualTo(inc.getLong("deltaSavedBytes"));
        Path index = TestDatabaseResource.dataDir().resolve("blobs/chunks").resolve(sha256(e.v2()).substring(0, 2))
                .resolve(sha256(e.v2()) + ".cdx");
        byte[] cut = Files.readAllBytes(index); // made by the chunker when the image was uploaded
        Files.delete(index);
        JsonPath t = importOk(org, location);
        assertThat(Files.readAllBytes(index)).as("the rebuilt blob's index, from the delta's chunk list").isEqualTo(cut);
        assertThat(t.getLong("result.blobsStored")).isEqualTo(1);
        assertThat(units(org, e.cv(), "2.0")).containsEntry("images/disk.img", sha256(e.v2())).hasSize(1);
        byte[] served = Api.asAdmin().get("/content/" + org + "/Library/" + e.cv() + "/" + e.repo().repo() + "/images/disk.img")
                .then().statusCode(200).extract().asByteArray();
        assertThat(sha256(served)).isEqualTo(sha256(e.v2()));
        assertThat(Tools.ok(location, "sha256sum", blobFile(sha256(e.v2())).toString())).startsWith(sha256(e.v2()));
    }

    @jakarta.inject.Inject
    io.ferry.sync.PartialTransfers partials;

    /**
     * {@code volume}'s tar stream up to its delta entry, of whose bytes only {@code fraction} arrived (1: the whole entry
     * with its padding, then nothing more): a transfer that broke off there. Entries are found by their ustar headers.
     */
    static Path brokenOff(Path volume, double fraction) throws Exception {
        byte[] tar;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(volume))) {
            tar = in.readAllBytes();
        }
        int pos = 0;
        while (true) {
            String name = new String(tar, pos, 100, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, pos + 124, 11, java.nio.charset.StandardCharsets.US_ASCII).trim(), 8);
            int data = pos + 512;
            int padded = (int) ((size + 511) / 512 * 512);
            if (name.startsWith("deltas/")) {
                int cut = fraction >= 1 ? data + padded : data + (int) (size * fraction);
                Path out = ImportFixtures.scratch("broken-").resolve("1-x-0.tar.gz");
                try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(out))) {
                    gz.write(tar, 0, cut);
                }
                return out;
            }
            pos = data + padded;
        }
    }

    @Test
    void aBrokenOffTransferKeepsAWholeDeltaAndNothingOfAHalfOne() throws Exception {
        Exports e = exports("tgz");
        String v2 = sha256(e.v2());
        Path volume = Path.of(e.inc().getString("location")).resolve(e.inc().getString("volumes[0].name"));
        long org = Api.asAdmin().get("/api/v1/organizations/" + e.repo().org()).then().statusCode(200).extract().jsonPath()
                .getLong("id");
        forget(List.of(v2));
        assertThat(partials.keep(brokenOff(volume, 0.5), org)).isZero();
        assertThat(Files.exists(blobFile(v2))).as("half a delta stores nothing").isFalse();
        assertThat(partials.keep(brokenOff(volume, 1.0), org)).isEqualTo(1);
        assertThat(Tools.ok(volume.getParent(), "sha256sum", blobFile(v2).toString())).startsWith(v2);
        partials.forget(org);
    }

    @Test
    void aDeltaCutInsideResumesFromTheBeginningKeptOfIt() throws Exception {
        Exports e = exports("tgz");
        String up = e.repo().org();
        String v1 = sha256(e.v1());
        String v2 = sha256(e.v2());
        Path volume = Path.of(e.inc().getString("location")).resolve(e.inc().getString("volumes[0].name"));
        String down = ContentFixtures.org(); // holds version 1.0 (v1), signs receipts for 'up'
        importOk(down, Path.of(e.full().getString("location")));
        io.ferry.support.SelfEnrollment.enroll(ContentFixtures.unique("resume"), up);
        long downId = Api.asAdmin().get("/api/v1/organizations/" + down).then().statusCode(200).extract().jsonPath().getLong("id");

        // the transfer of v2 broke off 60% into its delta, on a downstream that never had v2 (set aside meanwhile)
        Path aside = Files.copy(blobFile(v2), ImportFixtures.scratch("aside-").resolve(v2));
        forget(List.of(v2));
        assertThat(partials.keep(brokenOff(volume, 0.6), downId)).isZero();
        assertThat(Files.exists(blobFile(v2))).isFalse();
        Files.copy(aside, blobFile(v2)); // this server is the upstream too: it holds v2

        // the next receipt lists the beginning kept; the upstream's delta copies those chunks from it
        byte[] receipt = Api.asAdmin().queryParam("upstreamOrganization", up).get("/api/v1/organizations/" + down
                + "/imports/receipt").then().statusCode(200).extract().asByteArray();
        long rid = Api.asAdmin().contentType("application/pkcs7-mime").body(receipt).post("/api/v1/organizations/" + up
                + "/exports/receipts").then().statusCode(201).extract().jsonPath().getLong("id");
        byte[] bundle = Api.asAdmin().contentType("application/json").body("{\"scope\":" + io.ferry.export.ExportFixtures
                .cvScope(e.cv(), "2.0") + ",\"format\":\"tgz\",\"type\":\"incremental\",\"receipt\":" + rid
                + ",\"destination\":\"resume\"}").post("/api/v1/organizations/" + up + "/exports/stream").then().statusCode(200)
                .extract().asByteArray();
        Path resumed = Files.write(ImportFixtures.scratch("resumed-").resolve("resumed.tar.gz"), bundle);
        JsonNode manifest;
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(bundle)))) {
            assertThat(tar.getNextEntry().getName()).isEqualTo("ferry/manifest.json");
            manifest = JSON.readTree(tar.readAllBytes());
        }
        List<String> bases = new ArrayList<>();
        manifest.path("blobs").get(0).path("delta").path("bases").forEach(b -> bases.add(b.asText()));
        assertThat(bases).contains(v1).hasSize(2);
        String prefix = bases.stream().filter(b -> !b.equals(v1)).findFirst().orElseThrow();
        assertThat(Files.size(blobFile(prefix))).isPositive().isLessThan(e.v2().length);
        System.out.printf("delta resumed: %d bytes instead of %d%n", bundle.length, Files.size(volume));
        assertThat((long) bundle.length).as("the chunks kept are not sent again").isLessThan(Files.size(volume));

        forget(List.of(v2));
        JsonPath t = importOk(down, resumed);
        assertThat(t.getLong("result.blobsStored")).isEqualTo(1);
        assertThat(Tools.ok(resumed.getParent(), "sha256sum", blobFile(v2).toString())).startsWith(v2);
        partials.forget(downId);
    }

    @Test
    void anIsoIncrementalCarriesTheDeltaAsAFileIsoinfoLists() throws Exception {
        Exports e = exports("iso");
        assertThat(e.inc().getLong("deltaBlobs")).as(e.inc().prettify()).isEqualTo(1);
        Path location = Path.of(e.inc().getString("location"));
        Path volume = location.resolve(e.inc().getString("volumes[0].name"));
        assertThat(Tools.ok(location, "isoinfo", "-J", "-f", "-i", volume.toString())).contains("/deltas/" + sha256(e.v2()));
        assertThat(Files.size(volume)).isLessThan(e.v2().length / 3);
        String org = ContentFixtures.org();
        importOk(org, Path.of(e.full().getString("location")));
        forget(List.of(sha256(e.v2())));
        JsonPath t = importOk(org, location);
        assertThat(t.getLong("result.blobsStored")).isEqualTo(1);
        assertThat(Tools.ok(location, "sha256sum", blobFile(sha256(e.v2())).toString())).startsWith(sha256(e.v2()));
    }

    @Test
    void alteredDeltasAreRefusedAndNothingChanges() throws Exception {
        Exports e = exports("dir");
        assertThat(e.inc().getLong("deltaBlobs")).isEqualTo(1);
        assertThat(index(sha256(e.v1()))).as("made again by the export that needed it").exists();
        String v1 = sha256(e.v1());
        String v2 = sha256(e.v2());
        Path original = Path.of(e.inc().getString("location"));
        byte[] delta = Files.readAllBytes(original.resolve("deltas").resolve(v2));
        List<int[]> records = records(delta); // {offset, kind, length}
        int[] literal = records.stream().filter(r -> r[1] == 2).findFirst().orElseThrow();
        List<int[]> copies = records.stream().filter(r -> r[1] == 1).toList();
        int[] a = copies.get(0);
        int[] b = copies.stream().filter(c -> c[2] != a[2]).findFirst().orElseThrow();

        String org = ContentFixtures.org();
        importOk(org, Path.of(e.full().getString("location")));
        forget(List.of(v2));
        List<Long> before = state(org);

        // a literal chunk whose bytes do not match its digest
        refused(org, original, v2, d -> flip(d, literal[0] + 37 + 10), "FERRY-IMPORT-007", "carried in the bundle");
        // a copied chunk replaced by another valid one of another length: the lengths no longer add up to the blob's size
        refused(org, original, v2, d -> put(d, a[0], java.util.Arrays.copyOfRange(d, b[0], b[0] + 49)), "FERRY-IMPORT-009",
                "chunk lengths add up to");
        // two valid chunks swapped: every chunk checks, the rebuilt blob does not
        refused(org, original, v2, d -> swap(d, a, b), "FERRY-IMPORT-007", "chunks swapped");
        // an oversized chunk list
        refused(org, original, v2, d -> put(d, 24, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array()),
                "FERRY-IMPORT-010", "oversized");
        // the signed manifest's delta entry altered (its base listed twice): refused while the manifest is read
        Path twice = ImportFixtures.scratch("delta-manifest-");
        Tools.ok(twice, "cp", "-r", original + "/.", twice.toString());
        Path manifest = twice.resolve("ferry/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"bases\":[\"" + v1 + "\"]",
                "\"bases\":[\"" + v1 + "\",\"" + v1 + "\"]"));
        ImportHostileTest.resealMarker(twice);
        start(org, body(twice)).statusCode(422).body("code", is("FERRY-IMPORT-003")).body("detail", containsString(v2));
        assertThat(state(org)).isEqualTo(before);
        // a chunk list copying from a blob this server does not hold (no unit of version 2.0 names it): refused by the check,
        // naming blob and base
        Path aside = Files.createTempFile(Path.of("target").toAbsolutePath(), "base-", ".blob");
        Files.move(blobFile(v1), aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            start(org, body(original)).statusCode(409).body("code", is("FERRY-IMPORT-011"))
                    .body("detail", containsString(v2)).body("detail", containsString(v1));
        } finally {
            Files.move(aside, blobFile(v1));
        }
        assertThat(state(org)).isEqualTo(before);
        assertThat(Files.exists(blobFile(v2))).isFalse();
        // the genuine delta still imports
        importOk(org, original);
        assertThat(Tools.ok(original, "sha256sum", blobFile(v2).toString())).startsWith(v2);
    }

    private static void refused(String org, Path original, String sha, UnaryOperator<byte[]> alter, String code, String detail) throws Exception {
        List<Long> before = state(org);
        Path copy = ImportFixtures.scratch("delta-");
        Tools.ok(copy, "cp", "-r", original + "/.", copy.toString());
        Path file = copy.resolve("deltas").resolve(sha);
        Files.write(file, alter.apply(Files.readAllBytes(file)));
        JsonPath t = ImportFixtures.run(org, body(copy));
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("failed");
        assertThat(t.getString("error.code")).as(t.prettify()).isEqualTo(code);
        assertThat(t.getString("error.detail")).as(t.prettify()).contains(detail);
        assertThat(state(org)).isEqualTo(before);
        assertThat(Files.exists(blobFile(sha))).as("nothing of the blob was stored").isFalse();
    }

    /** The records of a delta file as {offset, kind, length}, read by the layout docs/export-format.md gives. */
    static List<int[]> records(byte[] d) {
        ByteBuffer h = ByteBuffer.wrap(d);
        int bases = h.getInt(20);
        int count = h.getInt(24);
        List<int[]> out = new ArrayList<>();
        int pos = 28 + 32 * bases;
        for (int i = 0; i < count; i++) {
            int kind = d[pos];
            int len = h.getInt(pos + 33);
            out.add(new int[] {pos, kind, len});
            pos += kind == 1 ? 49 : 37 + len;
        }
        assertThat(new String(d, pos, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DLTEND!!");
        return out;
    }

    static byte[] flip(byte[] d, int at) {
        d[at] ^= 0x5a;
        return d;
    }

    static byte[] put(byte[] d, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, d, at, bytes.length);
        return d;
    }

    static byte[] swap(byte[] d, int[] a, int[] b) {
        byte[] ra = java.util.Arrays.copyOfRange(d, a[0], a[0] + 49);
        byte[] rb = java.util.Arrays.copyOfRange(d, b[0], b[0] + 49);
        put(d, a[0], rb);
        return put(d, b[0], ra);
    }
}
