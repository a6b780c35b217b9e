package io.ferry.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Labels that are not labels (written straight into the database, as an old import or a hand edit could
 * leave them) never become part of a path: an export of such entities writes only below the export root,
 * with id-based directory names, and its manifest is refused by an importer.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class ExportLocationEscapeTest {
    @Inject
    DataSource db;

    void sql(String statement, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    static Path exportsRoot() {
        return TestDatabaseResource.dataDir().resolve("exports").toAbsolutePath().normalize();
    }

    /** A content view of one file in {@code r}, published as 1.0. */
    static String publishedView(ContentFixtures.Repo r) {
        ContentFixtures.uploadOk(r, "a.iso", "payload".getBytes());
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        return cv;
    }

    @Test
    void storedLabelsWithSlashesAndDotsStayBelowTheExportRoot() throws Exception {
        ContentFixtures.Repo r = ContentFixtures.repo();
        String cv = publishedView(r);
        long cvId = Api.asAdmin().get("/api/v1/organizations/" + r.org() + "/content-views/" + cv).then().extract()
                .jsonPath().getLong("id");
        JsonPath repo = Api.asAdmin().get(r.path()).then().extract().jsonPath();
        String escape = "ferry-escape-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path outside = exportsRoot().getParent().getParent().resolve(escape);
        String evil = "../../../" + escape;
        sql("update content_view set label = ? where id = ?", evil + "/cv", cvId);
        sql("update repository set label = ? where id = ?", "a/../../" + escape, repo.getLong("id"));
        sql("update product set label = ? where label = ?", evil, r.product());
        sql("update organization set label = ? where label = ?", evil + "-org", r.org());
        String org = String.valueOf(repo.getLong("organization.id"));

        JsonPath cvExport = ExportFixtures.export(org, "{\"scope\":" + ExportFixtures.cvScope(String.valueOf(cvId), "1.0")
                + ",\"format\":\"tgz\"}");
        JsonPath repoExport = ExportFixtures.export(org, "{\"scope\":{\"kind\":\"repository\",\"product\":\""
                + repo.getLong("product.id") + "\",\"repository\":\"" + repo.getLong("id") + "\"},\"format\":\"dir\",\"link\":false}");
        for (JsonPath e : new JsonPath[] {cvExport, repoExport}) {
            Path location = Path.of(e.getString("location"));
            assertThat(location.toRealPath()).startsWith(exportsRoot().toRealPath());
            assertThat(location.toString()).doesNotContain("..").contains("organization-" + repo.getLong("organization.id"));
        }
        assertThat(cvExport.getString("location")).contains("content-view-id-" + cvId);
        assertThat(repoExport.getString("location")).contains("repository-product-" + repo.getLong("product.id") + "-id-"
                + repo.getLong("id"));
        assertThat(outside).doesNotExist();
        assertThat(exportsRoot().getParent().resolve(escape)).doesNotExist();

        // the manifest carries those labels; another server refuses them like the API would
        String target = ContentFixtures.org();
        Api.asAdmin().contentType("application/json").body("{\"path\":\"" + repoExport.getString("location") + "\"}")
                .post("/api/v1/organizations/" + target + "/imports").then().statusCode(422).body("code", is("FERRY-IMPORT-014"));
    }

    @Test
    void anExplicitPathThroughALinkOutOfTheRootIsRefusedBeforeAnythingIsCreated() throws Exception {
        ContentFixtures.Repo r = ContentFixtures.repo();
        String cv = publishedView(r);
        Path outsideDir = Files.createTempDirectory("ferry-outside-");
        Path link = exportsRoot().resolve("link-" + System.nanoTime());
        Files.createDirectories(exportsRoot());
        Files.createSymbolicLink(link, outsideDir);
        ExportFixtures.start(r.org(), "{\"scope\":" + ExportFixtures.cvScope(cv, "1.0") + ",\"format\":\"dir\",\"path\":\""
                + link.resolve("out") + "\"}").statusCode(422).body("code", is("FERRY-EXPORT-003"));
        try (var s = Files.list(outsideDir)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
