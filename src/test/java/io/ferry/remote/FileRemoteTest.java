package io.ferry.remote;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mounted directory tree as a remote ({@code file:///...}): every regular file becomes a unit at its relative
 * path with the SHA-256 of its bytes; symbolic links (even to files inside the tree), a PULP_MANIFEST and special
 * files are skipped; a file removed from the tree disappears in a new version and is restorable from the one
 * before. A tree outside ferry.import.allowed-roots, a URL with a host, and a tree that is gone are refused, and
 * the repository is unchanged.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class FileRemoteTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static int setRemote(Repo r, String url) throws Exception {
        return Api.asAdmin().contentType("application/json").body(JSON.writeValueAsString(Map.of("remote", Map.of("url", url))))
                .put(r.path()).then().extract().statusCode();
    }

    /** A version's units: relative path to SHA-256. */
    static Map<String, String> paths(Repo r, int version) {
        JsonPath j = Api.asAdmin().get(r.path() + "/versions/" + version + "/units").then().statusCode(200).extract().jsonPath();
        Map<String, String> out = new java.util.HashMap<>();
        List<String> p = j.getList("items.relativePath");
        List<String> s = j.getList("items.sha256");
        for (int i = 0; i < p.size(); i++) {
            out.put(p.get(i), s.get(i));
        }
        return out;
    }

    @Test
    void aDirectoryTreeSeedsAndMirrorsARepository() throws Exception {
        Path tree = Files.createTempDirectory(TestDatabaseResource.testRoot(), "tree-");
        byte[] iso = bytes(120_000, 51);
        byte[] readme = bytes(3_000, 52);
        byte[] disk = bytes(80_000, 53);
        Files.write(Files.createDirectories(tree.resolve("isos")).resolve("alma 9.4.iso"), iso);
        Files.write(tree.resolve("README,v2.txt"), readme);
        Files.write(Files.createDirectories(tree.resolve("vm/web")).resolve("disk1.vmdk"), disk);
        Files.writeString(tree.resolve("PULP_MANIFEST"), "not,a,unit\n");
        Files.createSymbolicLink(tree.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(tree.resolve("vm/again.iso"), tree.resolve("isos/alma 9.4.iso"));
        Repo r = ContentFixtures.repo();
        assertThat(setRemote(r, tree.toUri().toString())).isEqualTo(200);

        JsonPath t = SyncApiTest.sync(r);
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        assertThat(t.getLong("result.readFiles")).isEqualTo(3);
        assertThat(t.getLong("result.skipped")).isEqualTo(3);
        assertThat(paths(r, 1)).containsExactlyInAnyOrderEntriesOf(Map.of("README,v2.txt", sha256(readme), "isos/alma 9.4.iso",
                sha256(iso), "vm/web/disk1.vmdk", sha256(disk)));
        assertThat(Files.readAllBytes(SyncApiTest.blob(sha256(iso)))).isEqualTo(iso);

        // mirror: a file removed from the tree leaves in a new version and can be restored from the one before
        Files.delete(tree.resolve("vm/web/disk1.vmdk"));
        JsonPath t2 = SyncApiTest.sync(r);
        assertThat(t2.getLong("result.removed")).isEqualTo(1);
        assertThat(paths(r, 2)).containsOnlyKeys("README,v2.txt", "isos/alma 9.4.iso");
        Api.asAdmin().contentType("application/json").body("{\"version\":1,\"relativePaths\":[\"vm/web/disk1.vmdk\"]}")
                .post(r.path() + "/content/restore").then().statusCode(201).body("version.number", is(3));
        assertThat(SyncApiTest.sync(r).getLong("result.removed")).as("the next sync mirrors the tree again").isEqualTo(1);

        // refused: outside the allowed roots, with a host, not a directory; the remote stays what it was
        Path outside = Files.createTempDirectory("ferry-outside-");
        for (String bad : List.of(outside.toUri().toString(), "file:///etc/", "file://server/share/", "file:relative/dir")) {
            assertThat(setRemote(r, bad)).as(bad).isEqualTo(422);
        }
        Api.asAdmin().get(r.path()).then().statusCode(200).body("remote.url", is(tree.toUri().toString()));
        Path gone = Files.createDirectories(tree.resolveSibling(tree.getFileName() + "-gone"));
        assertThat(setRemote(r, gone.toUri().toString())).isEqualTo(200);
        Files.delete(gone);
        int before = Api.asAdmin().get(r.path()).then().extract().jsonPath().getInt("latestVersion");
        JsonPath failed = SyncApiTest.sync(r);
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("error.code")).isEqualTo("FERRY-SYNC-002");
        assertThat(Api.asAdmin().get(r.path()).then().extract().jsonPath().getInt("latestVersion")).isEqualTo(before);
    }
}
