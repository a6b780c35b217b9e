package io.ferry.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ArchiveUploadTest {
    private final Path dir = scratch();

    private static Path scratch() {
        try {
            return Files.createTempDirectory(Files.createDirectories(TestDatabaseResource.testRoot().resolve("archive-upload")), "tree-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The tree as GNU tar writes it (an independent writer): {@code tar -cf - -C DIR .} in the given format. */
    private static byte[] tar(Path tree, String format) throws Exception {
        Process p = new ProcessBuilder("tar", "--format=" + format, "-cf", "-", "-C", tree.toString(), ".").start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        return out;
    }

    private static io.restassured.response.ValidatableResponse post(Repo r, byte[] archive, String query) {
        return Api.asAdmin().contentType("application/x-tar").body(archive).post(r.path() + "/content/archive" + query).then();
    }

    private static int latest(Repo r) {
        return ContentFixtures.repoView(r).getInt("latestVersion");
    }

    @Test
    void aTreeWrittenByTarBecomesOneVersionWithEveryFileAtItsPath() throws Exception {
        Repo r = ContentFixtures.repo();
        String longDir = "deep/" + "d".repeat(120) + "/";
        Files.createDirectories(dir.resolve(longDir));
        Files.createDirectories(dir.resolve("isos/empty-dir"));
        Files.writeString(dir.resolve("isos/alma.iso"), "alma image");
        Files.writeString(dir.resolve(longDir + "file-with-a-long-path.txt"), "long");
        Files.write(dir.resolve("zero.bin"), new byte[0]);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("zero.bin"));
        Files.delete(dir.resolve("link")); // GNU tar would send it as a link entry; refused below
        for (String format : List.of("gnu", "pax")) {
            Repo target = format.equals("gnu") ? r : ContentFixtures.repo();
            post(target, tar(dir, format), "").statusCode(201).body("created", is(true)).body("version.number", is(1))
                    .body("version.unitCount", is(3)).body("files", is(3)).body("added", is(3));
            assertThat(Api.asAdmin().get(target.contentPath() + "isos/alma.iso").asString()).isEqualTo("alma image");
            assertThat(Api.asAdmin().get(target.contentPath() + longDir + "file-with-a-long-path.txt").asString()).isEqualTo("long");
            Api.asAdmin().get(target.path() + "/versions/1/units?size=10").then().body("items.sha256",
                    org.hamcrest.Matchers.hasItem(ContentFixtures.sha256("alma image".getBytes(StandardCharsets.UTF_8))));
        }
        // the same tree again changes nothing; a changed tree with mirror=true removes what it no longer holds
        post(r, tar(dir, "gnu"), "").statusCode(200).body("created", is(false));
        Files.delete(dir.resolve("zero.bin"));
        Files.writeString(dir.resolve("isos/alma.iso"), "alma image, respun");
        post(r, tar(dir, "gnu"), "?mirror=true").statusCode(201).body("version.number", is(2)).body("version.unitCount", is(2))
                .body("removed", is(2)).body("added", is(1));
        assertThat(Api.asAdmin().get(r.contentPath() + "isos/alma.iso").asString()).isEqualTo("alma image, respun");
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws Exception;
    }

    private static byte[] archive(Entries entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(tar);
        }
        return out.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static void special(TarArchiveOutputStream tar, String name, byte type, String link) throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        if (link != null) {
            e.setLinkName(link);
        }
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    @Test
    void linksDevicesUnsafePathsAndDuplicatesRefuseTheWholeArchiveAndChangeNothing() throws Exception {
        Repo r = ContentFixtures.repo();
        ContentFixtures.uploadOk(r, "kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
        record Case(String what, String code, Entries entries) {
        }
        List<Case> cases = List.of(
                new Case("symlink", "FERRY-UPLOAD-005", t -> { file(t, "a.txt", "a"); special(t, "l", TarConstants.LF_SYMLINK, "/etc/passwd"); }),
                new Case("hard link", "FERRY-UPLOAD-005", t -> { file(t, "a.txt", "a"); special(t, "h", TarConstants.LF_LINK, "a.txt"); }),
                new Case("device", "FERRY-UPLOAD-005", t -> special(t, "dev/sda", TarConstants.LF_BLK, null)),
                new Case("fifo", "FERRY-UPLOAD-005", t -> special(t, "fifo", TarConstants.LF_FIFO, null)),
                new Case("parent segment", "FERRY-CONTENT-001", t -> { file(t, "a.txt", "a"); file(t, "../../escape.txt", "x"); }),
                new Case("absolute path", "FERRY-CONTENT-001", t -> file(t, "/etc/cron.d/x", "x")),
                new Case("reserved name", "FERRY-CONTENT-001", t -> file(t, "PULP_MANIFEST", "x")),
                new Case("duplicate path", "FERRY-CONTENT-001", t -> { file(t, "twice.txt", "1"); file(t, "twice.txt", "2"); }),
                new Case("no files", "FERRY-UPLOAD-005", t -> special(t, "only-a-dir/", TarConstants.LF_DIR, null)));
        for (Case c : cases) {
            var res = Api.asAdmin().contentType("application/x-tar").body(archive(c.entries()))
                    .post(r.path() + "/content/archive?mirror=true").then().extract();
            assertThat(res.statusCode()).as(c.what() + ": " + res.asString()).isEqualTo(422);
            assertThat(res.jsonPath().getString("code")).as(c.what()).isEqualTo(c.code());
            assertThat(res.jsonPath().getString("detail")).as(c.what()).contains("Nothing was added");
            assertThat(latest(r)).as(c.what()).isEqualTo(1);
        }
        assertThat(Api.asAdmin().get(r.contentPath() + "kept.txt").asString()).isEqualTo("kept");
        assertThat(Files.exists(TestDatabaseResource.dataDir().resolve("blobs/sha256")
                .resolve(ContentFixtures.sha256("x".getBytes(StandardCharsets.UTF_8)).substring(0, 2))
                .resolve(ContentFixtures.sha256("x".getBytes(StandardCharsets.UTF_8)))))
                .as("no byte of a refused entry is stored").isFalse();
    }

    @Test
    void truncatedCorruptOversizedAndForbiddenUploadsChangeNothing() throws Exception {
        Repo r = ContentFixtures.repo();
        ContentFixtures.uploadOk(r, "kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("f" + i + ".txt"), ("file " + i + " ").repeat(300));
        }
        byte[] whole = tar(dir, "gnu");
        post(r, Arrays.copyOf(whole, 1024 + 700), "?mirror=true").statusCode(422).body("code", is("FERRY-UPLOAD-005"))
                .body("detail", org.hamcrest.Matchers.containsStringIgnoringCase("truncated"));
        byte[] garbage = ContentFixtures.bytes(10_000, 5);
        post(r, garbage, "?mirror=true").statusCode(422).body("code", is("FERRY-UPLOAD-005"));
        byte[] flipped = whole.clone();
        flipped[100] ^= 0x55; // a header byte: its checksum no longer matches
        post(r, flipped, "?mirror=true").statusCode(422).body("code", is("FERRY-UPLOAD-005"));
        byte[] many = archive(t -> {
            for (int i = 0; i <= 500; i++) { // one more than %test ferry.uploads.archive-max-entries
                file(t, "n/" + i, "n" + i);
            }
        });
        post(r, many, "?mirror=true").statusCode(413).body("code", is("FERRY-UPLOAD-004"))
                .body("detail", containsString("ferry.uploads.archive-max-entries"));
        Api.asAdmin().contentType("application/octet-stream").body(whole).post(r.path() + "/content/archive").then().statusCode(415);
        String name = "viewer" + (System.nanoTime() % 100000);
        Api.asAdmin().contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"a-long-enough-password\",\"admin\":false}")
                .post("/api/v1/users").then().statusCode(201);
        given().auth().preemptive().basic(name, "a-long-enough-password").contentType("application/x-tar").body(whole)
                .post(r.path() + "/content/archive").then().statusCode(403).body("code", is("FERRY-AUTH-005"));
        assertThat(latest(r)).isEqualTo(1);
        assertThat(ContentFixtures.repoView(r).getInt("unitCount")).isEqualTo(1);
    }
}
