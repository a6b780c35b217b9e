package io.ferry.imports;

import static io.ferry.imports.ImportFixtures.body;
import static io.ferry.imports.ImportFixtures.forget;
import static io.ferry.imports.ImportFixtures.scratch;
import static io.ferry.imports.ImportFixtures.start;
import static io.ferry.imports.ImportFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/**
 * Hostile bundles: each import must fail with its stable code, name what is wrong, and change nothing
 * (no product, content view or succeeded import in the organization; the bad blob not in the store).
 * Bundles are real exports, damaged afterwards, or built here with GNU tar and Commons Compress.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ImportHostileTest {
    record Exported(ImportApiTest.Source source, JsonPath export) {
        Path location() {
            return Path.of(export.getString("location"));
        }
    }

    static Exported exported(String format, String extra) {
        ImportApiTest.Source s = ImportApiTest.source();
        JsonPath e = io.ferry.export.ExportFixtures.export(s.repo().org(), ImportApiTest.cvExport(s.cv(), "1.0", format, extra));
        forget(s.expected().values());
        return new Exported(s, e);
    }

    /** Starts an import of {@code path} into a fresh organization; asserts the refusal and that nothing changed. */
    static ValidatableResponse refused(Path path, int status, String code) {
        String org = ContentFixtures.org();
        ValidatableResponse r = start(org, body(path)).statusCode(status).body("code", is(code));
        assertThat(state(org)).containsExactly(0L, 0L, 0L);
        return r;
    }

    /** Runs the import task (the refusal surfaces while blobs are read); asserts its error and that nothing changed. */
    static JsonPath failedTask(Path path, String code) {
        String org = ContentFixtures.org();
        JsonPath t = ImportFixtures.run(org, body(path));
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("failed");
        assertThat(t.getString("error.code")).as(t.prettify()).isEqualTo(code);
        assertThat(state(org)).containsExactly(0L, 0L, 0L);
        JsonPath history = Api.asAdmin().get(ImportFixtures.imports(org)).then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("items[0].status")).isEqualTo("failed");
        assertThat(history.getString("items[0].error.code")).isEqualTo(code);
        return t;
    }

    static String sha256(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(f));
        return HexFormat.of().formatHex(md.digest());
    }

    static void flipByte(Path f, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }

    /** Rewrites the marker so it records the (changed) manifest's digest: only the manifest itself then tells. */
    static void resealMarker(Path dir) throws Exception {
        Path marker = dir.resolve("ferry/volume.json");
        String m = Files.readString(marker).replaceAll("\"manifestSha256\"\\s*:\\s*\"[0-9a-f]{64}\"",
                "\"manifestSha256\":\"" + sha256(dir.resolve("ferry/manifest.json")) + "\"");
        Files.writeString(marker, m);
    }

    /** The bundle's files in bundle order, for re-packing with GNU tar. */
    static List<String> bundleOrder(Path dir) throws IOException {
        List<String> names = new ArrayList<>(List.of("ferry/manifest.json", "ferry/volume.json"));
        try (var s = Files.list(dir.resolve("blobs"))) {
            s.map(p -> "blobs/" + p.getFileName()).sorted().forEach(names::add);
        }
        return names;
    }

    @Test
    void aFlippedByteInABlobIsAChecksumErrorNamingTheFileAndNothingIsStored() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        String sha = e.source().expected().get("images/a.iso");
        flipByte(e.location().resolve("blobs").resolve(sha), 1000);
        JsonPath t = failedTask(e.location(), "FERRY-IMPORT-007");
        assertThat(t.getString("error.detail")).contains("blobs/" + sha).contains("images/a.iso");
        assertThat(ImportFixtures.blobFile(sha)).doesNotExist();

        Path tgz = scratch("flipped-").resolve("bundle.tar.gz");
        List<String> cmd = new ArrayList<>(List.of("tar", "--format=ustar", "-czf", tgz.toString()));
        cmd.addAll(bundleOrder(e.location()));
        Tools.ok(e.location(), cmd.toArray(String[]::new));
        JsonPath t2 = failedTask(tgz, "FERRY-IMPORT-007");
        assertThat(t2.getString("error.detail")).contains("blobs/" + sha);
        assertThat(ImportFixtures.blobFile(sha)).doesNotExist();
    }

    @Test
    void aTruncatedTarGzIsCorrupt() throws Exception {
        Exported e = exported("tgz", "");
        Path volume = e.location().resolve(e.export().getString("volumes[0].name"));
        Path cut = scratch("truncated-").resolve(volume.getFileName());
        try (var in = Files.newInputStream(volume); var out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes((int) (Files.size(volume) * 2 / 3)));
        }
        JsonPath t = failedTask(cut, "FERRY-IMPORT-009");
        assertThat(t.getString("error.detail")).contains(cut.getFileName().toString());
    }

    @Test
    void aVolumeFromAnotherExportIsRefusedNamingIt() throws Exception {
        Exported a = exported("tgz", ",\"volumeSize\":\"1MiB\"");
        Exported b = exported("tgz", "");
        Path mixed = scratch("foreign-");
        try (var s = Files.list(a.location())) {
            for (Path f : s.toList()) {
                if (f.getFileName().toString().endsWith(".tar.gz") && !f.getFileName().toString().endsWith("-002.tar.gz")) {
                    Files.copy(f, mixed.resolve(f.getFileName()));
                }
            }
        }
        String foreign = "zz-" + b.export().getString("volumes[0].name");
        Files.copy(b.location().resolve(b.export().getString("volumes[0].name")), mixed.resolve(foreign));
        refused(mixed, 422, "FERRY-IMPORT-006").body("detail", containsString(foreign));
    }

    @Test
    void aManifestEditedAfterExportNoLongerMatchesItsMarker() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        Path manifest = e.location().resolve("ferry/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("images/a.iso", "images/b.iso"));
        refused(e.location(), 422, "FERRY-IMPORT-006").body("detail", containsString("changed after export"));
    }

    @Test
    void aManifestOfAFutureFormatVersionIsRefused() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        Path manifest = e.location().resolve("ferry/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\":1", "\"formatVersion\":3"));
        resealMarker(e.location());
        refused(e.location(), 422, "FERRY-IMPORT-004").body("detail", containsString("upgrade this server"));
    }

    /** A tar.gz whose first two entries are a real export's manifest and marker, then {@code evil}. */
    static Path tarWith(Exported e, TarArchiveEntry evil, byte[] data) throws Exception {
        Path out = scratch("evil-").resolve("evil.tar.gz");
        try (OutputStream f = Files.newOutputStream(out); GZIPOutputStream gz = new GZIPOutputStream(f);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            copyEntries(tar, e.location(), List.of("ferry/manifest.json", "ferry/volume.json"));
            tar.putArchiveEntry(evil);
            if (data != null) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
        }
        return out;
    }

    /** Adds the named files of a bundle directory as tar entries, in the order given. */
    static void copyEntries(TarArchiveOutputStream tar, Path dir, List<String> names) throws IOException {
        for (String n : names) {
            byte[] b = Files.readAllBytes(dir.resolve(n));
            TarArchiveEntry t = new TarArchiveEntry(n);
            t.setSize(b.length);
            tar.putArchiveEntry(t);
            tar.write(b);
            tar.closeArchiveEntry();
        }
    }

    static TarArchiveEntry file(String name, int size) {
        TarArchiveEntry t = new TarArchiveEntry(name, true);
        t.setSize(size);
        return t;
    }

    @Test
    void pathTraversalAbsolutePathsAndLinksInTarEntriesAreRefusedAndNothingIsWritten() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        String sha = e.source().expected().get("docs/readme.txt");
        Path escape = Path.of("target").toAbsolutePath().resolve("etc-x-" + ProcessHandle.current().pid());
        byte[] data = "owned".getBytes(StandardCharsets.US_ASCII);

        JsonPath t = failedTask(tarWith(e, file("../../etc/x", data.length), data), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains("'../../etc/x'").contains("unsafe path");
        t = failedTask(tarWith(e, file(escape.toString(), data.length), data), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains(escape.toString());
        assertThat(escape).doesNotExist();

        TarArchiveEntry symlink = new TarArchiveEntry("blobs/" + sha, TarConstants.LF_SYMLINK);
        symlink.setLinkName("/etc/passwd");
        t = failedTask(tarWith(e, symlink, null), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains("symbolic link to '/etc/passwd'");

        TarArchiveEntry hardlink = new TarArchiveEntry("blobs/" + sha, TarConstants.LF_LINK);
        hardlink.setLinkName("ferry/manifest.json");
        t = failedTask(tarWith(e, hardlink, null), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains("hard link");

        TarArchiveEntry device = new TarArchiveEntry("blobs/" + sha, TarConstants.LF_CHR);
        t = failedTask(tarWith(e, device, null), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains("device");

        t = failedTask(tarWith(e, file("blobs/" + "0".repeat(64), data.length), data), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains("does not list");
        assertThat(ImportFixtures.blobFile(sha)).doesNotExist();
    }

    @Test
    void duplicateAndOutOfOrderEntriesAreRefused() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        List<String> order = bundleOrder(e.location());
        List<String> twice = new ArrayList<>(order);
        twice.add(order.get(2));
        Path tgz = scratch("dup-").resolve("dup.tar.gz");
        try (OutputStream f = Files.newOutputStream(tgz); GZIPOutputStream gz = new GZIPOutputStream(f);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            copyEntries(tar, e.location(), twice);
        }
        JsonPath t = failedTask(tgz, "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains(order.get(2)).contains("duplicate or out of bundle order");
    }

    @Test
    void aLinkInADirectoryBundleIsRefused() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        String sha = e.source().expected().get("docs/readme.txt");
        Path blob = e.location().resolve("blobs").resolve(sha);
        Files.delete(blob);
        Files.createSymbolicLink(blob, Path.of("/etc/hostname"));
        JsonPath t = failedTask(e.location(), "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains("symbolic link to '/etc/hostname'");
    }

    @Test
    void anIsoDirectoryRecordPointingOutsideTheImageIsCorrupt() throws Exception {
        Exported e = exported("iso", "");
        Path iso = scratch("iso-").resolve("bundle.iso");
        Files.copy(e.location().resolve(e.export().getString("volumes[0].name")), iso);
        String sha = e.source().expected().get("images/a.iso");
        byte[] image = Files.readAllBytes(iso);
        byte[] joliet = sha.getBytes(StandardCharsets.UTF_16BE);
        int at = indexOf(image, joliet);
        assertThat(at).as("Joliet record of the blob").isPositive();
        int record = at - 33;
        assertThat(image[record + 32] & 0xff).as("name length").isEqualTo(joliet.length);
        int lba = 0x7fff0000;
        try (RandomAccessFile raf = new RandomAccessFile(iso.toFile(), "rw")) {
            raf.seek(record + 2);
            raf.write(new byte[] {(byte) lba, (byte) (lba >> 8), (byte) (lba >> 16), (byte) (lba >>> 24),
                (byte) (lba >>> 24), (byte) (lba >> 16), (byte) (lba >> 8), (byte) lba});
        }
        JsonPath t = failedTask(iso, "FERRY-IMPORT-009");
        assertThat(t.getString("error.detail")).contains("points outside the image").contains(sha);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Writes a dir bundle whose manifest lists {@code units} tiny units (and no blobs), with a matching marker. */
    static Path syntheticBundle(int units) throws Exception {
        Path dir = scratch("huge-");
        Files.createDirectories(dir.resolve("ferry"));
        Path manifest = dir.resolve("ferry/manifest.json");
        try (JsonGenerator g = new JsonFactory().createGenerator(manifest.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", "ferry-export");
            g.writeNumberField("formatVersion", 1);
            g.writeObjectFieldStart("export");
            g.writeNumberField("id", 1);
            g.writeStringField("type", "complete");
            g.writeEndObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("serverId", "00000000-0000-0000-0000-000000000001");
            g.writeEndObject();
            g.writeNullField("base");
            g.writeObjectFieldStart("scope");
            g.writeStringField("kind", "library");
            g.writeEndObject();
            g.writeArrayFieldStart("repositories");
            g.writeStartObject();
            g.writeObjectFieldStart("product");
            g.writeStringField("label", "p");
            g.writeEndObject();
            g.writeStringField("label", "r");
            g.writeStringField("contentType", "file");
            g.writeNumberField("version", 1);
            g.writeNumberField("unitCount", units);
            g.writeArrayFieldStart("units");
            String sha = "ab".repeat(32);
            for (int i = 0; i < units; i++) {
                g.writeStartObject();
                g.writeStringField("relativePath", "f/" + i);
                g.writeStringField("sha256", sha);
                g.writeNumberField("size", 1);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("blobs");
            g.writeEndArray();
            g.writeArrayFieldStart("volumes");
            g.writeStartObject();
            g.writeNumberField("number", 1);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        Files.writeString(dir.resolve("ferry/volume.json"), "{\"format\":\"ferry-volume\",\"formatVersion\":1,\"exportId\":1,"
                + "\"sourceServerId\":\"00000000-0000-0000-0000-000000000001\",\"manifestSha256\":\"" + sha256(manifest)
                + "\",\"volume\":1,\"volumes\":1,\"name\":null}");
        return dir;
    }

    @Test
    void aHugeManifestIsRefusedBeforeItIsRead() throws Exception {
        Path dir = syntheticBundle(250_000); // about 25 MB, over the test limit of 16 MiB
        assertThat(Files.size(dir.resolve("ferry/manifest.json"))).isGreaterThan(16L << 20);
        long t0 = System.nanoTime();
        refused(dir, 422, "FERRY-IMPORT-010").body("detail", containsString("ferry.import.max-manifest-bytes"));
        System.out.printf("huge manifest refused in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void moreUnitsThanTheLimitAreRefusedWhileStreaming() throws Exception {
        Path dir = syntheticBundle(120_000); // under the byte limit, over max-units (100000 in tests)
        assertThat(Files.size(dir.resolve("ferry/manifest.json"))).isLessThan(16L << 20);
        refused(dir, 422, "FERRY-IMPORT-010").body("detail", containsString("ferry.import.max-units"));
    }

    @Test
    void aManyEntryTarIsRefusedAtTheFirstEntryTheManifestDoesNotList() throws Exception {
        Exported e = exported("dir", ",\"link\":false");
        Path out = scratch("many-").resolve("many.tar.gz");
        try (OutputStream f = Files.newOutputStream(out); GZIPOutputStream gz = new GZIPOutputStream(f);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            copyEntries(tar, e.location(), List.of("ferry/manifest.json", "ferry/volume.json"));
            for (int i = 0; i < 200_000; i++) {
                TarArchiveEntry t = new TarArchiveEntry(String.format("blobs/%064x", i));
                t.setSize(0);
                tar.putArchiveEntry(t);
                tar.closeArchiveEntry();
            }
        }
        JsonPath t = failedTask(out, "FERRY-IMPORT-008");
        assertThat(t.getString("error.detail")).contains(String.format("blobs/%064x", 0));
    }
}
