package io.ferry.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.export.ExportFixtures;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /q/metrics after an export, an import and a download: their byte counters grow by what moved, and each has HELP text. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ImportExportMetricsTest {
    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a metric's samples (all tag combinations). */
    static double value(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void exportImportAndServingCountTheirBytesWithHelp() {
        ContentFixtures.Repo r = ContentFixtures.repo();
        byte[] a = ContentFixtures.bytes(300_000, 11);
        byte[] b = ContentFixtures.bytes(200_000, 12);
        ContentFixtures.uploadOk(r, "a.bin", a);
        ContentFixtures.uploadOk(r, "b.bin", b);
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        String before = metrics();

        Path bundle = Path.of(ExportFixtures.export(r.org(), "{\"scope\":" + ExportFixtures.cvScope(cv, "1.0")
                + ",\"format\":\"tgz\"}").getString("location"));
        ImportFixtures.forget(List.of(ContentFixtures.sha256(a), ContentFixtures.sha256(b)));
        ImportFixtures.importOk(ContentFixtures.org(), bundle);
        ContentFixtures.uploadOk(r, "c.bin", ContentFixtures.bytes(10, 13)); // the store holds a and b again after the import
        Api.asAdmin().get("/content/" + r.org() + "/Library/custom/" + r.product() + "/" + r.repo() + "/a.bin").then().statusCode(200);
        String after = metrics();

        assertThat(after).contains("# HELP ferry_export_bytes Bytes of bundle volumes")
                .contains("# HELP ferry_import_bytes Bytes of blobs stored by completed imports")
                .contains("# HELP ferry_content_served_bytes Bytes of /content responses")
                .contains("# HELP ferry_tasks_duration_seconds How long tasks ran")
                .contains("# HELP ferry_sync_bytes Bytes downloaded by completed syncs");
        assertThat(value(after, "ferry_export_bytes_total") - value(before, "ferry_export_bytes_total"))
                .isGreaterThan(a.length + b.length);
        assertThat(value(after, "ferry_import_bytes_total") - value(before, "ferry_import_bytes_total"))
                .isEqualTo((double) a.length + b.length);
        assertThat(value(after, "ferry_import_blobs_total") - value(before, "ferry_import_blobs_total")).isEqualTo(2.0);
        assertThat(value(after, "ferry_content_served_bytes_total") - value(before, "ferry_content_served_bytes_total"))
                .isEqualTo((double) a.length);
        assertThat(value(after, "ferry_tasks_duration_seconds_count") - value(before, "ferry_tasks_duration_seconds_count"))
                .isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void theBlobStoreGaugesCountEachNewBlobOnce() {
        ContentFixtures.Repo r = ContentFixtures.repo();
        String before = metrics();
        assertThat(before).contains("# HELP ferry_blob_store_objects Blobs held in the blob store")
                .contains("# HELP ferry_blob_store_bytes Bytes of the blobs held").contains("# HELP ferry_blob_store_usable_bytes");
        byte[] x = ContentFixtures.bytes(123_457, 31);
        byte[] y = ContentFixtures.bytes(2_001, 32);
        ContentFixtures.uploadOk(r, "x.bin", x);
        ContentFixtures.uploadOk(r, "y.bin", y);
        ContentFixtures.uploadOk(r, "again/x.bin", x); // the same blob: stored once
        String after = metrics();
        assertThat(value(after, "ferry_blob_store_objects") - value(before, "ferry_blob_store_objects")).isEqualTo(2.0);
        assertThat(value(after, "ferry_blob_store_bytes") - value(before, "ferry_blob_store_bytes"))
                .isEqualTo((double) x.length + y.length);
        assertThat(value(after, "ferry_blob_store_usable_bytes")).isPositive();
    }
}
