package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content commands against a real packaged server: create, upload, publish, promote, sync, outputs and exit codes. */
class ContentCommandsTest extends AgainstServer {

    @Test
    void createUploadPublishPromoteAndSyncWithCommandsOnly(@TempDir Path tmp) throws Exception {
        ok("organization", "create", "--name", "ACME Corp", "--label", "ACME");
        ok("product", "create", "--organization", "ACME", "--name", "Images", "--label", "images");
        ok("repository", "create", "--organization", "ACME", "--product", "images", "--name", "isos");
        Path iso = Files.write(tmp.resolve("alma.iso"), new byte[300_000]);
        Path ovf = Files.writeString(tmp.resolve("web.ovf"), "<Envelope/>");
        assertThat(ok("repository", "upload-content", "--organization", "ACME", "--product", "images", "--name", "isos",
                "--path", iso.toString(), "--relative-path", "isos/alma.iso", "--metadata", "os=alma9", "--sha256", sha256(iso)).out())
                .contains("New version 1");
        ok("repository", "upload-content", "--organization", "ACME", "--product", "images", "--name", "isos", "--path", ovf.toString(),
                "--relative-path", "templates/web.ovf");
        // sizes are human-readable in tables and exact in csv/json
        assertThat(ok("repository", "version", "list", "--organization", "ACME", "--product", "images", "--repository", "isos").out())
                .contains("NUMBER").containsPattern("(?m)^2\\s+2\\s+293\\.0 KiB");
        assertThat(ok("--output", "csv", "repository", "version", "list", "--organization-id", "ACME", "--product", "images",
                "--repository", "isos").out()).containsPattern("(?m)^2,2,300011,");

        ok("content-view", "create", "--organization", "ACME", "--name", "web", "--repositories", "images/isos");
        assertThat(ok("content-view", "publish", "--organization", "ACME", "--name", "web").out()).contains("version 1.0").contains("2 units");
        ok("lifecycle-environment", "create", "--organization", "ACME", "--name", "Dev", "--prior", "Library");
        ok("lifecycle-environment", "create", "--organization", "ACME", "--name", "Prod", "--prior", "Dev");
        Result outOfOrder = ferry("content-view", "version", "promote", "--organization", "ACME", "--content-view", "web", "--version",
                "1.0", "--to-lifecycle-environment", "Prod");
        assertThat(outOfOrder.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(outOfOrder.err()).contains("FERRY-ENV-002").contains("Dev");
        assertThat(ok("content-view", "version", "promote", "--organization", "ACME", "--content-view", "web", "--version", "1.0",
                "--to-lifecycle-environment", "Dev").out()).contains("Promoted version 1.0 to Dev");
        assertThat(ok("lifecycle-environment", "paths", "--organization", "ACME").out()).contains("Library >> Dev >> Prod");

        JsonNode versions = new ObjectMapper().readTree(ok("--output", "json", "content-view", "version", "list", "--organization", "ACME",
                "--content-view", "web").out());
        assertThat(versions.get(0).path("version").asText()).isEqualTo("1.0");
        assertThat(versions.get(0).path("environments").toString()).contains("Dev");
        assertThat(ok("--output", "csv", "--fields", "label,latestVersion", "content-view", "list", "--organization", "ACME").out())
                .isEqualTo("label,latestVersion\nweb,1.0\n");

        ok("repository", "create", "--organization", "ACME", "--product", "images", "--name", "mirror", "--url",
                server.url + "/content/ACME/Dev/web/isos/", "--remote-username", "admin", "--remote-password", RunningServer.ADMIN_PASSWORD);
        assertThat(ok("repository", "synchronize", "--organization", "ACME", "--product", "images", "--name", "mirror").out())
                .contains("Synchronized: version 1, 2 added");
        assertThat(ok("repository", "version", "info", "--organization", "ACME", "--product", "images", "--repository", "mirror",
                "--version", "1").out()).contains("isos/alma.iso").contains(sha256(iso));
    }

    @Test
    void wrongPasswordExits129AndUnknownThingsExit128NamingThem() {
        Result wrong = run("--server", server.url, "--password", "wrong", "organization", "list");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(wrong.err()).contains("FERRY-AUTH-002");
        ok("organization", "create", "--name", "Other");
        Result missing = ferry("content-view", "info", "--organization", "Other", "--name", "no-such-view");
        assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("'no-such-view'").contains("FERRY-CV-001");
        assertThat(ferry("repository").exit()).isEqualTo(ExitCodes.USAGE);
        Result help = ferry("repository", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("upload-content").contains("Examples:");
        assertThat(ferry("repository", "version").exit()).isEqualTo(ExitCodes.USAGE);
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void aDirectoryTreeIsOneVersionLinksAreSkippedAndMirrorRemovesWhatIsGone(@TempDir Path tmp) throws Exception {
        ok("organization", "create", "--name", "Tree", "--label", "TREE");
        ok("product", "create", "--organization", "TREE", "--name", "P", "--label", "p");
        ok("repository", "create", "--organization", "TREE", "--product", "p", "--name", "pool");
        Path tree = Files.createDirectories(tmp.resolve("pool"));
        String deep = "templates/" + "t".repeat(110) + "/web.ovf"; // longer than a ustar name: a PAX header
        Files.createDirectories(tree.resolve(deep).getParent());
        Files.writeString(tree.resolve(deep), "<Envelope/>");
        Path iso = Files.write(Files.createDirectories(tree.resolve("isos")).resolve("alma.iso"), new byte[200_000]);
        Files.writeString(tree.resolve("README"), "pool");
        Files.createSymbolicLink(tree.resolve("isos/latest.iso"), Path.of("alma.iso"));
        String[] upload = {"repository", "upload-content", "--organization", "TREE", "--product", "p", "--name", "pool"};
        Result first = ok(concat(upload, "--directory", tree.toString()));
        assertThat(first.out()).contains("Sending 3 files").contains("skipped 1 symbolic links or special files")
                .contains("New version 1: 3 units").contains("(3 added, 0 removed)");
        assertThat(ok("repository", "version", "info", "--organization", "TREE", "--product", "p", "--repository", "pool",
                "--version", "1").out()).contains("isos/alma.iso").contains(sha256(iso)).contains(deep).doesNotContain("latest.iso");
        assertThat(ok(concat(upload, "--directory", tree.toString())).out()).contains("Unchanged, version 1");
        Files.delete(tree.resolve("README"));
        assertThat(ok(concat(upload, "--directory", tree.toString(), "--mirror")).out()).contains("New version 2: 2 units")
                .contains("(0 added, 1 removed)");

        assertThat(ferry(concat(upload, "--directory", tree.toString(), "--path", iso.toString())).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(ferry(upload).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(ferry(concat(upload, "--path", iso.toString(), "--mirror")).exit()).isEqualTo(ExitCodes.USAGE);
        Result missing = ferry(concat(upload, "--directory", tmp.resolve("not-there").toString()));
        assertThat(missing.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(missing.err()).contains("no directory");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void updateRenamesAndDescribesButLabelsStay() {
        ok("organization", "create", "--name", "Upd", "--label", "UPD");
        ok("product", "create", "--organization", "UPD", "--name", "P", "--label", "p");
        ok("repository", "create", "--organization", "UPD", "--product", "p", "--name", "r");
        ok("content-view", "create", "--organization", "UPD", "--name", "cv", "--repositories", "p/r");
        assertThat(ok("organization", "update", "--name", "UPD", "--new-name", "Updated Org").out()).contains("Updated Org");
        assertThat(ok("product", "update", "--organization", "Updated Org", "--name", "p", "--description", "OS images").out())
                .containsPattern("label\\s+p");
        assertThat(ok("repository", "update", "--organization", "UPD", "--product", "p", "--name", "r", "--new-name", "Repo R").out())
                .contains("Repo R");
        assertThat(ok("content-view", "update", "--organization", "UPD", "--name", "cv", "--new-name", "Web View").out())
                .contains("Web View");
        assertThat(ok("--output", "json", "product", "info", "--organization", "UPD", "--name", "p").out()).contains("OS images");
        assertThat(ferry("organization", "update", "--name", "nope-org", "--new-name", "x").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    /** curl as vCenter would: Basic credentials, the URL the CLI printed; the HTTP status and body. */
    static String[] curl(String user, String password, String url) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-u", user + ":" + password, "-w", "\n%{http_code}", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        int nl = out.lastIndexOf('\n');
        return new String[] {out.substring(nl + 1), out.substring(0, Math.max(nl, 0))};
    }

    @Test
    void aSubscriberCredentialIsCreatedListedUsedByCurlAndRevoked(@TempDir Path tmp) throws Exception {
        ok("organization", "create", "--name", "VC Org", "--label", "VCORG");
        ok("product", "create", "--organization", "VCORG", "--name", "Images", "--label", "images");
        ok("repository", "create", "--organization", "VCORG", "--product", "images", "--name", "templates");
        Path ovf = Files.writeString(tmp.resolve("web.ovf"), "<Envelope>web</Envelope>");
        ok("repository", "upload-content", "--organization", "VCORG", "--product", "images", "--name", "templates", "--path",
                ovf.toString(), "--relative-path", "web/web.ovf");
        Result bad = ferry("content-library", "subscriber-credential", "create", "--organization", "VCORG", "--library", "images/../x");
        assertThat(bad.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(bad.err()).contains("FERRY-COMMON-001").contains("--library");

        String created = ok("content-library", "subscriber-credential", "create", "--organization", "VCORG", "--library",
                "Library/custom/images/templates", "--description", "vc-01").out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Subscription URL:\\s+(\\S+)\\s+User name:\\s+(\\S+)\\s+Password:\\s+(\\S+)")
                .matcher(created);
        assertThat(m.find()).as(created).isTrue();
        String url = m.group(1);
        assertThat(url).isEqualTo(server.url + "/vcsp/VCORG/Library/custom/images/templates/lib.json");
        String[] lib = curl(m.group(2), m.group(3), url);
        assertThat(lib[0]).isEqualTo("200");
        assertThat(new ObjectMapper().readTree(lib[1]).path("vcspVersion").asText()).isEqualTo("2");
        String[] items = curl(m.group(2), m.group(3), url.replace("lib.json", "items.json"));
        assertThat(new ObjectMapper().readTree(items[1]).path("items").get(0).path("type").asText()).isEqualTo("vcsp.ovf");

        String list = ok("content-library", "subscriber-credential", "list", "--organization", "VCORG").out();
        assertThat(list).contains(m.group(2)).contains("Library/custom/images/templates").doesNotContain(m.group(3));
        String id = new ObjectMapper().readTree(ok("--output", "json", "content-library", "subscriber-credential", "list",
                "--organization", "VCORG").out()).get(0).path("id").asText();
        assertThat(ok("content-library", "subscriber-credential", "revoke", "--organization", "VCORG", "--id", id).out())
                .contains("Revoked subscriber credential " + id);
        assertThat(curl(m.group(2), m.group(3), url)[0]).isEqualTo("401");
    }

    @Test
    void aRepositoryIsPublishedToABucketWithTheCommandsAndTheBucketHoldsItsFiles(@TempDir Path tmp) throws Exception {
        ok("organization", "create", "--name", "S3 Org", "--label", "S3ORG");
        ok("product", "create", "--organization", "S3ORG", "--name", "Images", "--label", "images");
        ok("repository", "create", "--organization", "S3ORG", "--product", "images", "--name", "templates");
        Path ovf = Files.writeString(tmp.resolve("web.ovf"), "<Envelope>web</Envelope>");
        ok("repository", "upload-content", "--organization", "S3ORG", "--product", "images", "--name", "templates", "--path",
                ovf.toString(), "--relative-path", "web/web.ovf");
        try (S3Proxy s3 = S3Proxy.start(tmp.resolve("s3"), "publisher", "publisher-secret")) {
            Path bucket = s3.bucket("templates");
            String[] target = {"publication-target", "create", "--organization", "S3ORG", "--name", "lab", "--endpoint", s3.endpoint,
                "--path-style", "--bucket", "templates", "--prefix", "acme", "--access-key-id", "publisher"};
            Result noSecret = ferry(target);
            assertThat(noSecret.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(noSecret.err()).contains("FERRY_S3_SECRET_ACCESS_KEY");
            Result plain = ferry(concat(target, "--secret-access-key", "publisher-secret"));
            assertThat(plain.exit()).isEqualTo(ExitCodes.DATA_ERROR);
            assertThat(plain.err()).contains("FERRY-PUBLICATION-003").contains("--no-tls-required");
            Result wrong = ferry(concat(target, "--no-tls-required", "--secret-access-key", "not-it"));
            assertThat(wrong.exit()).isEqualTo(ExitCodes.DATA_ERROR);
            assertThat(wrong.err()).contains("FERRY-PUBLICATION-004").contains("--secret-access-key");
            ok(concat(target, "--no-tls-required", "--secret-access-key", "publisher-secret"));
            assertThat(ok("--output", "json", "publication-target", "info", "--organization", "S3ORG", "--name", "lab").out())
                    .doesNotContain("publisher-secret").contains("\"prefix\" : \"acme\"");

            ok("lifecycle-environment", "create", "--organization", "S3ORG", "--name", "Prod", "--prior", "Library");
            ok("content-view", "create", "--organization", "S3ORG", "--name", "web", "--repositories", "images/templates");
            ok("content-view", "publish", "--organization", "S3ORG", "--name", "web");
            ok("content-view", "version", "promote", "--organization", "S3ORG", "--content-view", "web", "--version", "1.0",
                    "--to-lifecycle-environment", "Prod");
            assertThat(ok("content-view", "publish-to-target", "--organization", "S3ORG", "--name", "web", "--lifecycle-environment",
                    "Prod", "--target", "lab").out()).contains("1 file uploaded").contains("acme/Prod/web/templates/lib.json");
            Path lib = bucket.resolve("acme/Prod/web/templates");
            assertThat(sha256sum(lib.resolve("web/web.ovf"))).isEqualTo(sha256(ovf));
            assertThat(new ObjectMapper().readTree(lib.resolve("items.json").toFile()).path("items").get(0).path("type").asText())
                    .isEqualTo("vcsp.ovf");
            assertThat(Files.readString(lib.resolve("PULP_MANIFEST"))).contains("web/web.ovf," + sha256(ovf) + ",");
            ok("publication-target", "delete", "--organization", "S3ORG", "--name", "lab");
            Result gone = ferry("publication-target", "info", "--organization", "S3ORG", "--name", "lab");
            assertThat(gone.exit()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(gone.err()).contains("FERRY-PUBLICATION-001");
        }
    }

    @Test
    void theBucketWalkthroughInDocsServingMdWorksAsWritten(@TempDir Path tmp) throws Exception {
        String script = Walkthrough.block("serving.md", "bucket");
        try (S3Proxy s3 = S3Proxy.start(tmp.resolve("s3"), "publisher", "publisher-secret");
             S3Proxy ro = S3Proxy.start(tmp.resolve("s3"), "subscriber", "subscriber-secret", true)) {
            s3.bucket("templates");
            Walkthrough.Ran r = Walkthrough.run("bucket", script, java.util.Map.of("FERRY", server.url, "FERRY_PASSWORD",
                    RunningServer.ADMIN_PASSWORD, "S3", s3.endpoint, "PUBLISHER_KEY", "publisher", "PUBLISHER_SECRET", "publisher-secret",
                    "S3_READONLY", ro.endpoint, "READER_KEY", "subscriber", "READER_SECRET", "subscriber-secret"), 5);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).as(r.out()).contains("\"vcspVersion\":\"2\"").contains("2 files uploaded").contains("0 files uploaded")
                    .doesNotContain("publisher-secret");
            String[] sums = r.out().lines().filter(l -> l.endsWith(".vmdk")).map(l -> l.substring(0, 64)).toArray(String[]::new);
            assertThat(sums).hasSize(2);
            assertThat(sums[0]).isEqualTo(sums[1]);
        }
    }

    /** The independent tool's digest of a file. */
    static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.substring(0, 64);
    }
}
