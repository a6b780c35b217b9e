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
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/** A dir export downloaded as one tar stream: GNU tar reads it, and the tree it unpacks is the export's, byte for byte. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ExportTreeDownloadTest {
    @Test
    void aDirExportsTreeComesAsATarThatGnuTarUnpacksToTheSameFiles() throws Exception {
        Repo r = ContentFixtures.repo();
        byte[] a = ContentFixtures.bytes(1_500_000, 41);
        ContentFixtures.uploadOk(r, "images/a.iso", a);
        ContentFixtures.uploadOk(r, "docs/b.txt", ContentFixtures.bytes(300, 42));
        String cv = createView(r);
        publish(r.org(), cv);
        JsonPath dir = ExportFixtures.export(r.org(), "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"dir\"}");
        JsonPath tgz = ExportFixtures.export(r.org(), "{\"scope\":" + cvScope(cv, "1.0") + ",\"format\":\"tgz\"}");
        Path scratch = Files.createTempDirectory(Files.createDirectories(Path.of("target", "scratch")), "tree-").toAbsolutePath();
        Path tar = scratch.resolve("export.tar");
        try (InputStream in = Api.asAdmin().get(exports(r.org()) + "/" + dir.getLong("id") + "/files/tree.tar").then().statusCode(200)
                .contentType("application/x-tar").extract().asInputStream()) {
            Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = Files.createDirectories(scratch.resolve("out"));
        Tools.ok(out, "tar", "-xf", tar.toString());
        Path original = Path.of(dir.getString("location"));
        String expected = Tools.ok(original, "sh", "-c", "find . -type f | sort | xargs sha256sum");
        assertThat(Tools.ok(out, "sh", "-c", "find . -type f | sort | xargs sha256sum")).isEqualTo(expected)
                .contains("ferry/manifest.json").contains(ContentFixtures.sha256(a));

        Api.asAdmin().get(exports(r.org()) + "/" + tgz.getLong("id") + "/files/tree.tar").then().statusCode(404)
                .body("code", is("FERRY-COMMON-003"));
        Api.asAdmin().get(exports(r.org()) + "/999999/files/tree.tar").then().statusCode(404).body("code", is("FERRY-EXPORT-001"));
        io.restassured.RestAssured.given().get(exports(r.org()) + "/" + dir.getLong("id") + "/files/tree.tar").then().statusCode(401);
    }
}
