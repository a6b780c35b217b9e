package io.ferry.export;

import static io.ferry.export.ExportFixtures.createView;
import static io.ferry.export.ExportFixtures.cvScope;
import static io.ferry.export.ExportFixtures.exports;
import static io.ferry.export.ExportFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Small volumes and the manifest every volume repeats: the dry run shows the overhead, an export whose copies would
 * fill too much of the media is refused before anything is recorded, and the estimate is close to what is written.
 * Also the task's progress after a split-blob export: bytes counted once, every unit counted, no step left over.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class VolumeOverheadTest {
    private static byte[] manySmallFiles(int n) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < n; i++) {
                byte[] data = ContentFixtures.bytes(1000, i);
                TarArchiveEntry e = new TarArchiveEntry("packages/" + "p".repeat(40) + "/file-" + i + ".rpm");
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return buf.toByteArray();
    }

    private static String body(String cv, String format, String volumeSize) {
        return "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"" + format + "\",\"volumeSize\":\"" + volumeSize + "\"}";
    }

    private static JsonPath plan(String org, String body) {
        return Api.asAdmin().contentType("application/json").body(body).post(exports(org) + "/plan").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void volumesThatWouldMostlyCarryManifestCopiesAreRefusedWithTheSmallestSizeThatIsAccepted() throws Exception {
        Repo r = ContentFixtures.repo();
        Api.asAdmin().contentType("application/x-tar").body(manySmallFiles(450)).post(r.path() + "/content/archive").then()
                .statusCode(201).body("added", is(450));
        ContentFixtures.uploadOk(r, "images/big.img", ContentFixtures.bytes(3_000_000, 7));
        String cv = createView(r);
        publish(r.org(), cv);

        JsonPath dry = plan(r.org(), body(cv, "iso", "1MiB"));
        assertThat(dry.getInt("volumes")).isGreaterThan(1);
        assertThat(dry.getInt("overheadPercent")).isGreaterThan(10);
        assertThat(dry.getLong("perVolumeOverheadBytes")).isGreaterThan(150_000);
        assertThat(dry.getString("warning")).contains("ferry.export.max-volume-overhead").contains("--chunk-size");
        long exportsBefore = Api.asAdmin().get(exports(r.org())).then().extract().jsonPath().getLong("total");
        long tasksBefore = Api.asAdmin().get("/api/v1/tasks").then().extract().jsonPath().getLong("total");

        String detail = ExportFixtures.start(r.org(), body(cv, "iso", "1MiB")).statusCode(422).body("code", is("FERRY-EXPORT-004"))
                .body("field", is("volumeSize")).extract().jsonPath().getString("detail");
        assertThat(detail).containsPattern("\\d+% of each of the \\d+ volumes").contains("at least");
        assertThat(Api.asAdmin().get(exports(r.org())).then().extract().jsonPath().getLong("total")).as("nothing recorded")
                .isEqualTo(exportsBefore);
        assertThat(Api.asAdmin().get("/api/v1/tasks").then().extract().jsonPath().getLong("total")).as("no task")
                .isEqualTo(tasksBefore);

        // the size the refusal names is accepted, by the dry run and the export
        String min = detail.replaceAll(".*--chunk-size (\\d+MiB).*", "$1");
        assertThat(plan(r.org(), body(cv, "iso", min)).getString("warning")).isNull();
        JsonPath done = ExportFixtures.export(r.org(), body(cv, "tgz", min));
        assertThat(done.getString("status")).isEqualTo("complete");
    }

    @Test
    void theEstimateIsCloseToTheVolumesWrittenAndProgressCountsEachByteOnce() {
        Repo r = ContentFixtures.repo();
        for (int i = 0; i < 5; i++) {
            ContentFixtures.uploadOk(r, "small/file-" + i + ".bin", ContentFixtures.bytes(40_000, 100 + i));
        }
        ContentFixtures.uploadOk(r, "images/big.img", ContentFixtures.bytes(5_000_000, 9)); // split over 1 MiB volumes
        String cv = createView(r);
        publish(r.org(), cv);
        for (String format : java.util.List.of("iso", "tgz")) {
            JsonPath dry = plan(r.org(), body(cv, format, "1MiB"));
            assertThat(dry.getString("warning")).as(format).isNull();
            assertThat(dry.getInt("overheadPercent")).as(format).isBetween(1, 10);
            String location = ExportFixtures.start(r.org(), body(cv, format, "1MiB")).statusCode(202).extract().header("Location");
            JsonPath task = Tasks.awaitEnd(location);
            assertThat(task.getString("state")).isEqualTo("completed");
            JsonPath e = Api.asAdmin().get(exports(r.org()) + "/" + task.getLong("result.exportId")).then().extract().jsonPath();
            long written = e.getLong("totalSize");
            long estimate = dry.getLong("estimatedBytes");
            assertThat((double) estimate).as(format + ": estimate " + estimate + " vs written " + written)
                    .isBetween(written * 0.85, written * 1.15);
            assertThat(e.getInt("volumes.size()")).isEqualTo(dry.getInt("volumes"));

            assertThat(task.getString("step")).as("a completed task has no step left").isNull();
            assertThat(task.getLong("progress.unitsDone")).isEqualTo(6).isEqualTo(task.getLong("progress.unitsTotal"));
            assertThat(task.getLong("progress.bytesTotal")).as("blob bytes once, not once hashed plus once written")
                    .isEqualTo(5_200_000L);
            assertThat(task.getLong("progress.bytesDone")).isEqualTo(5_200_000L);
        }
    }
}
