package io.ferry.serving;

import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Directory URLs answer a plain HTML index that wget -r (an independent client) can walk to every file. */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class DirectoryListingTest {
    @Test
    void wgetWalksTheIndexToEveryFileAndAMissingDirectoryIs404() throws Exception {
        Repo r = ContentFixtures.repo();
        Map<String, byte[]> files = new TreeMap<>();
        files.put("top.txt", "top".getBytes(StandardCharsets.UTF_8));
        files.put("a/d.txt", "d".getBytes(StandardCharsets.UTF_8));
        files.put("a/b/c.txt", "c".getBytes(StandardCharsets.UTF_8));
        files.put("a/b-c.txt", "b-c".getBytes(StandardCharsets.UTF_8));
        files.put("a/<odd> & \"name\";x #1.txt", "odd".getBytes(StandardCharsets.UTF_8));
        for (var e : files.entrySet()) {
            uploadOk(r, e.getKey(), e.getValue());
        }
        String top = Api.asAdmin().get(r.contentPath()).then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(top).contains("<a href=\"a/\">a/</a>").contains("<a href=\"top.txt\">top.txt</a>").doesNotContain("../");
        String a = Api.asAdmin().get(r.contentPath() + "a/").then().statusCode(200).extract().asString();
        assertThat(a).contains("<a href=\"../\">").contains("<a href=\"b/\">b/</a>").contains("b-c.txt").contains("d.txt")
                .contains("&lt;odd&gt; &amp; &quot;name&quot;;x #1.txt").doesNotContain("<odd>").doesNotContain("c.txt\">c.txt");
        String noSlash = r.contentPath().substring(0, r.contentPath().length() - 1);
        Api.asAdmin().redirects().follow(false).get(noSlash).then().statusCode(301).header("Location", org.hamcrest.Matchers.endsWith(r.contentPath()));
        Api.asAdmin().get(r.contentPath() + "nope/").then().statusCode(404).body("code", is("FERRY-CONTENT-003"));
        Api.asAdmin().get(r.contentPath() + "top.txt/").then().statusCode(404);

        Path dir = Files.createTempDirectory("ferry-wget-");
        String url = RestAssured.baseURI + ":" + RestAssured.port + r.contentPath();
        Process p = new ProcessBuilder("wget", "-q", "-r", "-np", "-nH", "--cut-dirs=6", "-R", "index.html*", "--user=admin",
                "--password=" + Api.adminPassword(), "--auth-no-challenge", "-P", dir.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Map<String, byte[]> got = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                got.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        assertThat(got.keySet()).as(out).isEqualTo(files.keySet());
        for (var e : files.entrySet()) {
            assertThat(got.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
