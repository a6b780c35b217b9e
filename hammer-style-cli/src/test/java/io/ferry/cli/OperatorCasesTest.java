package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new operator typed, case by case as the operator-experience report numbered them, against a real server:
 * each asserts the behaviour now and that the words the operator saw then are gone. Two cases are the server's own
 * and tested there: 16 (the OpenAPI document passes redocly lint) in OpenApiLintTest, 17 (a second server on one
 * data directory is refused and the first keeps serving) in ServerProcessIT.
 */
class OperatorCasesTest extends AgainstServer {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path files;

    @BeforeAll
    static void content() throws Exception {
        ok("organization", "create", "--name", "Ops", "--label", "OPS");
        ok("product", "create", "--organization", "OPS", "--name", "Images", "--label", "images");
        ok("repository", "create", "--organization", "OPS", "--product", "images", "--name", "isos");
        files = ExportImportCommandsTest.scratch("files");
        byte[] big = new byte[3_000_000];
        new Random(16).nextBytes(big);
        Files.write(Files.createDirectories(files.resolve("isos")).resolve("big.iso"), big);
        Path pkgs = Files.createDirectories(files.resolve("packages/" + "p".repeat(60)));
        for (int i = 0; i < 450; i++) {
            Files.writeString(pkgs.resolve("package-" + i + ".rpm"), "package " + i + "\n".repeat(200));
        }
        ok("repository", "upload-content", "--organization", "OPS", "--product", "images", "--name", "isos", "--directory",
                files.toString());
        ok("content-view", "create", "--organization", "OPS", "--name", "web", "--repositories", "images/isos");
        ok("content-view", "publish", "--organization", "OPS", "--name", "web");
    }

    static Result exportIso(String chunk) {
        return ferry("content-export", "complete", "version", "--organization", "OPS", "--content-view", "web", "--version", "1.0",
                "--format", "iso", "--chunk-size", chunk);
    }

    @Test
    void case01HelpWorksOnCommandsWithAVersionOption() {
        for (String[] cmd : new String[][] {{"content-export", "complete", "version"}, {"content-export", "incremental", "version"},
                {"content-view", "version", "info"}, {"content-view", "version", "promote"}, {"repository", "version", "info"}}) {
            Result r = run(java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).contains("Usage: ferry " + String.join(" ", cmd)).doesNotContain("Missing required options");
            assertThat(r.err()).doesNotContain("Unknown option: '--help'");
        }
        assertThat(run("help", "content-export", "complete", "version").out()).contains("Usage: ferry content-export complete version");
    }

    @Test
    void case02TablesShowNoRawJson() throws Exception {
        ok("content-export", "complete", "version", "--organization", "OPS", "--content-view", "web", "--version", "1.0",
                "--format", "tgz");
        String list = ok("content-export", "list", "--organization", "OPS").out();
        assertThat(list).doesNotContain("{").doesNotContain("\"");
        assertThat(list.lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(160);
        long id = firstExportId();
        assertThat(ok("content-export", "info", "--organization", "OPS", "--id", String.valueOf(id)).out()).doesNotContain("{\"");
        assertThat(ok("status").out()).doesNotContain("{").contains("database");
    }

    @Test
    void case03And04DryRunShowsSizesAndTheManifestOverheadAndSmallVolumesAreRefused() {
        Result dry = ok("content-export", "complete", "version", "--organization", "OPS", "--content-view", "web", "--version",
                "1.0", "--format", "iso", "--chunk-size", "1MiB", "--dry-run");
        assertThat(dry.out()).containsPattern("blobBytes\\s+\\d").containsPattern("volumeSize\\s+1\\.0 MiB")
                .containsPattern("estimatedBytes\\s+\\d").containsPattern("perVolumeOverheadBytes\\s+\\d")
                .containsPattern("overheadPercent\\s+\\d").contains("This export would be refused").contains("--chunk-size");
        Result refused = exportIso("1MiB");
        assertThat(refused.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(refused.err()).contains("FERRY-EXPORT-004").contains("--chunk-size").containsPattern("at least \\d+ MiB")
                .doesNotContain("volumeSize");
        String min = refused.err().replaceAll("(?s).*--chunk-size (\\d+MiB).*", "$1");
        Result accepted = exportIso(min);
        assertThat(accepted.exit()).as(accepted.err()).isZero();
    }

    @Test
    void case05ProgressIsTrueWhenRedirectedAndAfterTheEnd() throws Exception {
        Result r = exportIso("3MiB"); // two volumes: big.iso is split, its parts hashed before they are written
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("completed in \\d+\\.\\d s: 451/451 units, [\\d.]+ [KMG]iB \\([\\d.]+ [KMG]?i?B/s\\)")
                .doesNotContain("running, 0 units");
        JsonNode export = JSON.readTree(ok("--output", "json", "content-export", "list", "--organization", "OPS").out()).get(0);
        JsonNode task = JSON.readTree(ok("--output", "json", "task", "info", "--id", export.path("taskId").asText()).out());
        assertThat(task.path("step").isNull() || task.path("step").isMissingNode()).as("no step left: " + task).isTrue();
        assertThat(task.path("progress").path("unitsDone").asLong()).isEqualTo(451);
        long content = export.path("blobBytes").asLong();
        assertThat(task.path("progress").path("bytesTotal").asLong()).as("each byte once").isEqualTo(content);
        assertThat(task.path("progress").path("bytesDone").asLong()).isEqualTo(content);
    }

    @Test
    void case06HintsNameTheCliNotTheApi() throws Exception {
        Result noView = ferry("content-view", "version", "info", "--organization", "OPS", "--content-view", "nope", "--version", "1.0");
        assertThat(noView.err()).contains("ferry content-view list --organization OPS").doesNotContain("GET /api");
        Result noVersion = ferry("content-view", "version", "info", "--organization", "OPS", "--content-view", "web", "--version",
                "9.0");
        assertThat(noVersion.err()).contains("ferry content-view version list").doesNotContain("GET ");
        Result noBase = ferry("content-export", "incremental", "version", "--organization", "OPS", "--content-view", "web",
                "--version", "1.0", "--destination-server", "never-exported-to");
        assertThat(noBase.err()).contains("FERRY-EXPORT-002").contains("--from-history-id").doesNotContain("fromExport");

        Path carried = ExportImportCommandsTest.scratch("carried06");
        long id = Long.parseLong(ok("content-export", "complete", "version", "--organization", "OPS", "--content-view", "web",
                "--version", "1.0", "--format", "tgz").out().replaceAll("(?s).*Export (\\d+) complete.*", "$1"));
        ok("content-export", "download", "--organization", "OPS", "--id", String.valueOf(id), "--to", carried.toString());
        ok("organization", "create", "--name", "Ops B", "--label", "OPSB");
        Result wrongKind = ferry("content-import", "library", "--organization", "OPSB", "--path", carried.toString());
        assertThat(wrongKind.err()).contains("FERRY-IMPORT-013").contains("ferry content-import version")
                .doesNotContain("kind 'version'").doesNotContain("Use kind");
    }

    @Test
    void case07HammerSpellingsAndDidYouMean() throws Exception {
        JsonNode orgs = JSON.readTree(ok("--output", "json", "organization", "list").out());
        String id = null;
        for (JsonNode o : orgs) {
            if (o.path("label").asText().equals("OPS")) {
                id = o.path("id").asText();
            }
        }
        assertThat(ok("product", "list", "--organization-id", id).out()).contains("images");
        assertThat(ok("content-export", "complete", "version", "--organization-id", id, "--content-view-id", "web", "--version",
                "1.0", "--format", "tgz", "--chunk-size-gb", "1", "--dry-run").out()).containsPattern("volumeSize\\s+1\\.0 GiB");
        Result typo = ferry("organization", "lst");
        assertThat(typo.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("Did you mean").contains("list");
    }

    @Test
    void case08And10To12RelativePathsNoBannerBeforeARefusalDirDownloadsAndPlainWords() throws Exception {
        Result dir = ok("content-export", "complete", "version", "--organization", "OPS", "--content-view", "web", "--version",
                "1.0");
        assertThat(dir.out()).doesNotContain("(s)");
        long id = Long.parseLong(dir.out().replaceAll("(?s).*Export (\\d+) complete.*", "$1"));
        Path to = ExportImportCommandsTest.scratch("tree10");
        Result got = ok("content-export", "download", "--organization", "OPS", "--id", String.valueOf(id), "--to", to.toString());
        assertThat(got.out()).contains("Downloaded the dir export's tree").contains("ferry content-import check")
                .doesNotContain("is a dir export (the default format)");
        assertThat(to.resolve("ferry/manifest.json")).isRegularFile();

        ok("organization", "create", "--name", "Ops C", "--label", "OPSC");
        // the CLI sends the path absolute, resolved against its working directory
        Path cwd = Path.of("").toAbsolutePath();
        String relative = cwd.relativize(to.toAbsolutePath()).toString();
        Result check = ok("content-import", "check", "--organization", "OPSC", "--path", relative);
        assertThat(check.out()).contains("Importable.").doesNotContain("path must be absolute")
                .containsPattern("of server '[^']+' \\(id [0-9a-f]{8}\\)").contains("The volume is present.")
                .doesNotContain("volume(s)").doesNotContain(" bytes)");
        Result outside = ferry("content-import", "check", "--organization", "OPSC", "--path", "/etc");
        assertThat(outside.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(outside.out()).as("no banner before a refusal").doesNotContain("Checking").doesNotContain("hashing every volume");
        assertThat(outside.err()).contains("FERRY-IMPORT-002");

        Result notANumber = ferry("content-export", "info", "--organization", "OPS", "--id", "abc");
        assertThat(notANumber.err()).contains("'abc' is not a whole number").doesNotContain("is not a long");
    }

    @Test
    void case09And15DownloadErrorsSayWhyAndMetricsCountBytesWithHelp() throws Exception {
        long id = Long.parseLong(ok("content-export", "complete", "version", "--organization", "OPS", "--content-view", "web",
                "--version", "1.0", "--format", "tgz").out().replaceAll("(?s).*Export (\\d+) complete.*", "$1"));
        Result proc = ferry("content-export", "download", "--organization", "OPS", "--id", String.valueOf(id), "--to", "/proc/nope");
        assertThat(proc.err()).doesNotContain("/proc/nope: /proc/nope").containsPattern("cannot write into /proc/nope: \\S");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("# HELP ferry_export_bytes ").contains("# HELP ferry_import_bytes ")
                .contains("# HELP ferry_blob_store_objects ").contains("# HELP ferry_tasks_duration_seconds ");
        assertThat(metrics).doesNotContainPattern("# HELP ferry_\\S+ *\\n");
    }

    @Test
    void case13And14HelpDoesNotBreakMidListAndPingFindsTheServersPort() throws Exception {
        String help = run("--help").out();
        assertThat(help.lines()).as("no list broken after '69 unavailable,'").noneMatch(l -> l.endsWith("69 unavailable,"))
                .as("no continuation at column 0").noneMatch(l -> l.startsWith("--") || l.startsWith("ferry "));
        assertThat(help).contains("69 unavailable, 70 software error");
        // a shell that started ./ferry-server with QUARKUS_HTTP_PORT: ping with no --server finds that port
        String port = server.url.substring(server.url.lastIndexOf(':') + 1);
        Walkthrough.Ran ping = Walkthrough.run("ping14", "unset FERRY_SERVER FERRY_CONFIG\nferry ping\n",
                java.util.Map.of("QUARKUS_HTTP_PORT", port), 2);
        assertThat(ping.exit()).as(ping.out()).isZero();
        assertThat(ping.out()).contains("UP").contains(":" + port).doesNotContain("localhost:8080");
    }

    private static long firstExportId() throws Exception {
        return JSON.readTree(ok("--output", "json", "content-export", "list", "--organization", "OPS").out()).get(0).path("id")
                .asLong();
    }
}
