package io.ferry.export;

import static io.ferry.export.ExportFixtures.createView;
import static io.ferry.export.ExportFixtures.cvScope;
import static io.ferry.export.ExportFixtures.export;
import static io.ferry.export.ExportFixtures.exports;
import static io.ferry.export.ExportFixtures.publish;
import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings-dependent export behaviour: retention (keep-last per scope and destination) and a full disk
 * under an allowed export root (a small tmpfs mounted for the test).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
@TestProfile(ExportRetentionTest.KeepTwo.class)
class ExportRetentionTest {
    public static class KeepTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.export.retention.keep-last", "2", "ferry.export.retention.interval", "24h",
                    "ferry.export.allowed-roots", TestDatabaseResource.dataDir().resolve("exports") + "," + SMALL_DISK);
        }
    }

    static final Path SMALL_DISK = Path.of("/tmp/ferry-test-small-disk");

    @Inject
    ExportRetention retention;

    @Test
    void aFullDiskFailsTheExportClearlyAndLeavesNothingBehind() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root (CI runs as root)");
        Files.createDirectories(SMALL_DISK);
        io.ferry.support.Tools.ok(null, "mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", SMALL_DISK.toString());
        try {
            Repo r = ContentFixtures.repo();
            uploadOk(r, "big.bin", bytes(4_000_000, 9));
            String cv = createView(r);
            publish(r.org(), cv);
            // dir with links: the free-space check passes (links copy nothing), then the link crosses filesystems,
            // Ferry falls back to copying and the disk fills up mid-write
            String location = ExportFixtures.start(r.org(), "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"dir\",\"path\":\""
                    + SMALL_DISK.resolve("site") + "\"}").statusCode(202).extract().header("Location");
            JsonPath task = io.ferry.support.Tasks.awaitEnd(location);
            assertThat(task.getString("state")).isEqualTo("failed");
            assertThat(task.getString("error.code")).isEqualTo("FERRY-STORAGE-003");
            assertThat(task.getString("error.detail")).contains("full").contains("partial export was removed");
            try (var left = Files.list(SMALL_DISK)) {
                assertThat(left).isEmpty();
            }
            JsonPath list = Api.asAdmin().get(exports(r.org())).then().statusCode(200).extract().jsonPath();
            assertThat(list.getString("items[0].status")).isEqualTo("failed");

            // a tgz that cannot fit is refused before writing, by the free-space check
            location = ExportFixtures.start(r.org(), "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"tgz\",\"path\":\""
                    + SMALL_DISK.resolve("site2") + "\"}").statusCode(202).extract().header("Location");
            task = io.ferry.support.Tasks.awaitEnd(location);
            assertThat(task.getString("error.code")).isEqualTo("FERRY-STORAGE-003");
            assertThat(task.getString("error.detail")).contains("needs about");
            try (var left = Files.list(SMALL_DISK)) {
                assertThat(left).isEmpty();
            }
        } finally {
            io.ferry.support.Tools.run(null, "umount", SMALL_DISK.toString());
        }
    }

    @Test
    void keepsTheNewestExportsOfEachScopeAndDestination() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "a.bin", bytes(1000, 1));
        String cv = createView(r);
        publish(r.org(), cv);
        String body = "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"tgz\"";
        JsonPath first = export(r.org(), body + "}");
        JsonPath second = export(r.org(), body + "}");
        JsonPath third = export(r.org(), body + "}");
        JsonPath elsewhere = export(r.org(), body + ",\"destination\":\"site-b\"}");
        assertThat(retention.enforce()).isEqualTo(1);
        Api.asAdmin().get(exports(r.org()) + "/" + first.getLong("id")).then().statusCode(404);
        assertThat(Files.exists(Path.of(first.getString("location")))).isFalse();
        for (JsonPath kept : new JsonPath[] {second, third, elsewhere}) {
            Api.asAdmin().get(exports(r.org()) + "/" + kept.getLong("id")).then().statusCode(200);
            assertThat(Files.exists(Path.of(kept.getString("location")))).isTrue();
        }
        assertThat(retention.enforce()).isZero();
    }
}
