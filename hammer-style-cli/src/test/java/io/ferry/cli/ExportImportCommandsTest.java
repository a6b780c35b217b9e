package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** content-export and content-import against a real packaged server: output, files, exit codes; login and the config file. */
class ExportImportCommandsTest extends AgainstServer {
    static final ObjectMapper JSON = new ObjectMapper();


    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    static Path scratch(String name) throws Exception {
        return Files.createDirectories(Files.createTempDirectory(Files.createDirectories(RunningServer.root()), "cli-").resolve(name));
    }

    @Test
    void exportAsIsoVolumesDownloadCheckImportAndImportAgain() throws Exception {
        ok("organization", "create", "--name", "EXP", "--label", "EXP");
        ok("product", "create", "--organization", "EXP", "--name", "Images", "--label", "images");
        ok("repository", "create", "--organization", "EXP", "--product", "images", "--name", "isos");
        Path dir = scratch("files");
        byte[] big = new byte[2_500_000];
        new Random(5).nextBytes(big);
        Path iso = Files.write(dir.resolve("big.iso"), big);
        ok("repository", "upload-content", "--organization", "EXP", "--product", "images", "--name", "isos", "--path", iso.toString(),
                "--relative-path", "isos/big.iso");
        ok("content-view", "create", "--organization", "EXP", "--name", "web", "--repositories", "images/isos");
        ok("content-view", "publish", "--organization", "EXP", "--name", "web");

        Result dry = ok("content-export", "complete", "version", "--organization", "EXP", "--content-view", "web", "--version", "1.0",
                "--format", "iso", "--chunk-size", "1MiB", "--dry-run");
        assertThat(dry.out()).contains("volumes").containsPattern("blobBytes\\s+\\d").containsPattern("volumeSize\\s+1\\.0 MiB")
                .containsPattern("estimatedBytes\\s+\\d");
        Result gb = ok("content-export", "complete", "version", "--organization-id", "EXP", "--content-view-id", "web", "--version",
                "1.0", "--format", "tgz", "--chunk-size-gb", "1", "--dry-run");
        assertThat(gb.out()).containsPattern("volumeSize\\s+1\\.0 GiB");
        Result exported = ok("content-export", "complete", "version", "--organization", "EXP", "--content-view", "web", "--version",
                "1.0", "--format", "iso", "--chunk-size", "1MiB", "--destination-server", "site-b");
        assertThat(exported.out()).containsPattern("Export \\d+ complete").contains(".iso").contains("sha256");

        // the table names the scope in words and counts volumes; json keeps every detail
        String table = ok("content-export", "list", "--organization", "EXP").out();
        assertThat(table).contains("web 1.0").containsPattern("iso\\s+complete\\s+\\d+\\s").doesNotContain("{").doesNotContain("sha256");
        assertThat(table.lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(160);
        JsonNode list = JSON.readTree(ok("--output", "json", "content-export", "list", "--organization", "EXP").out());
        assertThat(list.isArray()).isTrue();
        long id = list.get(0).path("id").asLong();
        assertThat(list.get(0).path("format").asText()).isEqualTo("iso");
        JsonNode info = new YAMLMapper().readTree(ok("--output", "yaml", "content-export", "info", "--organization", "EXP", "--id",
                String.valueOf(id)).out());
        assertThat(info.path("volumes").size()).isGreaterThanOrEqualTo(3);

        Path carried = scratch("carried");
        ok("content-export", "download", "--organization", "EXP", "--id", String.valueOf(id), "--to", carried.toString());
        for (JsonNode v : info.path("volumes")) {
            assertThat(sha256(carried.resolve(v.path("name").asText()))).isEqualTo(v.path("sha256").asText());
        }
        assertThat(carried.resolve("volumes.json")).exists();
        assertThat(carried.resolve("manifest.json.p7s")).exists();
        Result unwritable = ferry("content-export", "download", "--organization", "EXP", "--id", String.valueOf(id), "--to",
                "/proc/nope");
        assertThat(unwritable.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(unwritable.err()).contains("cannot write into /proc/nope: ").doesNotEndWith("/proc/nope: /proc/nope\n")
                .containsPattern("no such file|permission denied|not permitted|read-only|Exception");

        ok("organization", "create", "--name", "Site B", "--label", "SITE");
        Result check = ok("content-import", "check", "--organization", "SITE", "--path", carried.toString());
        assertThat(check.out()).contains("Importable.").contains("volumes-present");

        String lastVolume = info.path("volumes").get(info.path("volumes").size() - 1).path("name").asText();
        Path partial = scratch("partial");
        try (var s = Files.list(carried)) {
            for (Path f : s.toList()) {
                if (!f.getFileName().toString().equals(lastVolume)) {
                    Files.copy(f, partial.resolve(f.getFileName()));
                }
            }
        }
        Result missing = ferry("content-import", "check", "--organization", "SITE", "--path", partial.toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(missing.out()).contains(lastVolume).contains("Not importable");

        Result wrongKind = ferry("content-import", "library", "--organization", "SITE", "--path", carried.toString());
        assertThat(wrongKind.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(wrongKind.err()).contains("FERRY-IMPORT-013");

        Result imported = ok("content-import", "version", "--organization", "Site B", "--path", carried.toString()); // by name
        assertThat(imported.out()).contains("content view web version 1.0").contains("1 unit,");
        assertThat(ok("content-import", "version", "--organization", "SITE", "--path", carried.toString()).out())
                .contains("nothing to do");
        Result again = ferry("content-import", "check", "--organization", "SITE", "--path", carried.toString());
        assertThat(again.exit()).as("check and import agree on an imported export").isZero();
        assertThat(again.out()).contains("Already imported").contains("already-imported").doesNotContain("FERRY-IMPORT-012");
        assertThat(ok("content-import", "list", "--organization", "SITE").out()).contains("succeeded");
        assertThat(ok("content-view", "info", "--organization", "SITE", "--name", "web").out()).containsPattern("importOnly\\s+true");

        Result unknown = ferry("content-export", "complete", "version", "--organization", "EXP", "--content-view", "nope",
                "--version", "1.0");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("nope");
        Result usage = ferry("content-export", "complete", "version", "--organization", "EXP", "--content-view", "web");
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void caExportTrustAddListRemoveAndTheSignaturePolicy() throws Exception {
        Result ca = ok("ca", "show");
        assertThat(ca.out()).contains("Ferry CA").containsPattern("fingerprint\\s+[0-9a-f]{64}");
        Path pem = scratch("trust").resolve("ca.pem");
        assertThat(ok("ca", "export", "--to", pem.toString()).out()).contains("ferry trust add");
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");

        ok("organization", "create", "--name", "Trusting", "--label", "TRUSTING");
        assertThat(ok("organization", "info", "--name", "TRUSTING").out()).containsPattern("importSignaturePolicy\\s+require");
        Result added = ok("trust", "add", "--organization", "TRUSTING", "--file", pem.toString());
        assertThat(added.out()).contains("Ferry CA");
        Result again = ferry("trust", "add", "--organization", "TRUSTING", "--file", pem.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        JsonNode list = JSON.readTree(ok("--output", "json", "trust", "list", "--organization", "TRUSTING").out());
        assertThat(list.size()).isEqualTo(1);
        Path notPem = Files.writeString(pem.resolveSibling("not.pem"), "hello");
        Result bad = ferry("trust", "add", "--organization", "TRUSTING", "--file", notPem.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(bad.err()).contains("FERRY-TRUST-001");
        ok("trust", "remove", "--organization", "TRUSTING", "--id", list.get(0).path("id").asText());
        assertThat(JSON.readTree(ok("--output", "json", "trust", "list", "--organization", "TRUSTING").out()).size()).isZero();

        assertThat(ok("organization", "update", "--name", "TRUSTING", "--import-signature-policy", "if-present").out())
                .contains("if-present");
        Result wrong = ferry("organization", "update", "--name", "TRUSTING", "--import-signature-policy", "sometimes");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(wrong.err()).contains("--import-signature-policy");
    }

    @Test
    void loginStoresATokenNeverThePasswordAndLogoutRevokesIt() throws Exception {
        Path config = scratch("config").resolve("cli.yml");
        Result login = run("--config", config.toString(), "--server", server.url, "--username", "admin", "--password",
                RunningServer.ADMIN_PASSWORD, "login");
        assertThat(login.exit()).as(login.err()).isZero();
        String stored = Files.readString(config);
        assertThat(stored).contains("token:").contains(server.url).doesNotContain(RunningServer.ADMIN_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

        Result withToken = run("--config", config.toString(), "organization", "list");
        assertThat(withToken.exit()).as(withToken.err()).isZero();
        JsonNode status = new YAMLMapper().readTree(run("--config", config.toString(), "--output", "yaml", "status").out());
        assertThat(status.isObject()).isTrue();

        assertThat(run("--config", config.toString(), "logout").exit()).isZero();
        assertThat(Files.readString(config)).doesNotContain("token:");
        Result after = run("--config", config.toString(), "organization", "list");
        assertThat(after.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);

        Result wrong = run("--config", config.toString(), "--server", server.url, "--password", "wrong-password-123", "login");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
    }

    @Test
    void shellCompletionIsGenerated() {
        Result r = run("generate-completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("content-export").contains("content-import").contains("complete -F");
    }
}
