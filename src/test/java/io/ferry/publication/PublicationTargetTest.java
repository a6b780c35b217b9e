package io.ferry.publication;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.uploadOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.S3Server;
import io.ferry.support.Tasks;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Publication to a real S3 server (s3proxy on its filesystem backend, a child JVM): the publisher writes through one
 * endpoint with full access, and what subscribers get is read back through a second, read-only endpoint on the same
 * storage with its own credential, the way a bucket policy gives vCenters read-only keys.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class PublicationTargetTest {
    static S3Server publisherEnd;
    static S3Server readerEnd;
    static S3Client publisherS3;
    static S3Client readerS3;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startS3() throws Exception {
        Path dir = TestDatabaseResource.testRoot().resolve("s3-" + ProcessHandle.current().pid());
        TestDatabaseResource.deleteTree(dir);
        Path blobs = dir.resolve("buckets");
        publisherEnd = S3Server.start(blobs, "publisher", "publisher-secret-" + ContentFixtures.unique("k"), Map.of());
        readerEnd = S3Server.start(blobs, "subscriber", "subscriber-secret-" + ContentFixtures.unique("k"),
                Map.of("s3proxy.read-only-blobstore", "true"));
        publisherS3 = client(publisherEnd);
        readerS3 = client(readerEnd);
    }

    @AfterAll
    static void stopS3() throws Exception {
        publisherS3.close();
        readerS3.close();
        publisherEnd.close();
        readerEnd.close();
    }

    static S3Client client(S3Server s) {
        return S3Client.builder().endpointOverride(URI.create(s.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s.identity(), s.credential())))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(software.amazon.awssdk.http.apache5.Apache5HttpClient.builder()).build();
    }

    static String bucket() {
        String b = ContentFixtures.unique("b").toLowerCase();
        publisherS3.createBucket(r -> r.bucket(b));
        return b;
    }

    static String targetJson(String name, String bucket, String secret, String extra) {
        return "{\"name\":\"" + name + "\",\"endpoint\":\"" + publisherEnd.endpoint() + "\",\"bucket\":\"" + bucket
                + "\",\"prefix\":\"sites/west\",\"pathStyle\":true,\"tlsRequired\":false,\"accessKeyId\":\"publisher\","
                + "\"secretAccessKey\":\"" + secret + "\"" + extra + "}";
    }

    static String createTarget(String org, String bucket) {
        String name = ContentFixtures.unique("t");
        Api.asAdmin().contentType("application/json").body(targetJson(name, bucket, publisherEnd.credential(), ""))
                .post("/api/v1/organizations/" + org + "/publication-targets").then().statusCode(201);
        return name;
    }

    static JsonPath publish(String org, String target, String body) {
        String location = Api.asAdmin().contentType("application/json").body(body)
                .post("/api/v1/organizations/" + org + "/publication-targets/" + target + "/publications").then().statusCode(202)
                .extract().header("Location");
        return Tasks.awaitEnd(location);
    }

    static String repoBody(Repo r) {
        return "{\"product\":\"" + r.product() + "\",\"repository\":\"" + r.repo() + "\"}";
    }

    /** Every key below {@code prefix} with its bytes, read with the read-only credential. */
    static Map<String, byte[]> readBack(String bucket, String prefix) {
        Map<String, byte[]> out = new TreeMap<>();
        for (S3Object o : readerS3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            out.put(o.key().substring(prefix.length()), readerS3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
        }
        return out;
    }

    static byte[] served(String path) {
        return Api.asAdmin().urlEncodingEnabled(false).get(path).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void aPublishedLibraryReadsBackThroughTheS3ApiWithAReadOnlyCredentialAndARepublishSendsOnlyTheChange() throws Exception {
        Repo r = ContentFixtures.repo();
        Map<String, byte[]> files = new TreeMap<>();
        files.put("templates/web/web.ovf", "<Envelope>web</Envelope>".getBytes(StandardCharsets.UTF_8));
        files.put("templates/web/disk1.vmdk", bytes(11 << 20, 61)); // above the test threshold: a multipart upload
        files.put("templates/web/web.mf", "SHA256(disk1.vmdk)= x".getBytes(StandardCharsets.UTF_8));
        files.put("isos/alma 9,4;[x].iso", bytes(50_000, 62));
        files.put("notes/read me ü.txt", "read me".getBytes(StandardCharsets.UTF_8));
        for (var e : files.entrySet()) {
            uploadOk(r, e.getKey(), e.getValue());
        }
        String bucket = bucket();
        String target = createTarget(r.org(), bucket);
        JsonPath t = publish(r.org(), target, repoBody(r));
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        assertThat(t.getLong("result.uploaded")).isEqualTo(files.size());
        assertThat(t.getLong("progress.bytesDone")).isEqualTo(t.getLong("progress.bytesTotal"));

        String lib = "Library/custom/" + r.product() + "/" + r.repo();
        String prefix = "sites/west/" + lib + "/";
        Map<String, byte[]> got = readBack(bucket, prefix);
        for (var e : files.entrySet()) {
            assertThat(got.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        // the documents are the bytes /content and /vcsp serve
        String vcsp = "/vcsp/" + r.org() + "/" + lib + "/";
        assertThat(new String(got.get("lib.json"), StandardCharsets.UTF_8)).isEqualTo(new String(served(vcsp + "lib.json"),
                StandardCharsets.UTF_8));
        assertThat(got.get("items.json")).isEqualTo(served(vcsp + "items.json"));
        assertThat(got.get("PULP_MANIFEST")).isEqualTo(served(r.contentPath() + "PULP_MANIFEST"));
        assertThat(got.get("templates/web/item.json")).isEqualTo(served(vcsp + "templates/web/item.json"));
        assertThat(got.keySet()).containsExactlyInAnyOrder("templates/web/web.ovf", "templates/web/disk1.vmdk", "templates/web/web.mf",
                "isos/alma 9,4;[x].iso", "notes/read me ü.txt", "lib.json", "items.json", "PULP_MANIFEST", "templates/web/item.json",
                "isos/alma 9,4;[x].iso.item.json", "notes/read me ü.txt.item.json");
        // a subscriber walks lib.json -> items.json -> hrefs in the bucket and gets every file
        JsonPath items = new JsonPath(new String(got.get("items.json"), StandardCharsets.UTF_8));
        int fetched = 0;
        for (int i = 0; i < items.getList("items").size(); i++) {
            for (String href : items.<String>getList("items[" + i + "].files.hrefs.flatten()")) {
                String key = java.net.URLDecoder.decode(href.replace("+", "%2B"), StandardCharsets.UTF_8);
                assertThat(got.get(key)).as(href).isEqualTo(files.get(key));
                fetched++;
            }
        }
        assertThat(fetched).isEqualTo(files.size());
        // the subscriber's credential reads and cannot write
        assertThatThrownBy(() -> readerS3.putObject(b -> b.bucket(bucket).key(prefix + "lib.json"), RequestBody.fromString("{}")))
                .isInstanceOf(S3Exception.class);
        assertThat(readBack(bucket, prefix).get("lib.json")).isEqualTo(got.get("lib.json"));

        // publishing again changes nothing
        Map<String, Long> mtimes = mtimes(bucket);
        JsonPath again = publish(r.org(), target, repoBody(r));
        assertThat(again.getLong("result.uploaded")).as(again.prettify()).isZero();
        assertThat(again.getLong("result.documentsUploaded")).isZero();
        assertThat(again.getLong("result.unchanged")).isEqualTo(files.size());
        assertThat(mtimes(bucket)).isEqualTo(mtimes);

        // one OVF disk changes and a note goes: one object and the documents that name them are written, one deleted
        files.put("templates/web/disk1.vmdk", bytes(11 << 20, 63));
        uploadOk(r, "templates/web/disk1.vmdk", files.get("templates/web/disk1.vmdk"));
        Api.asAdmin().contentType("application/json").body("{\"relativePaths\":[\"notes/read me ü.txt\"]}")
                .post(r.path() + "/content/remove").then().statusCode(201);
        files.remove("notes/read me ü.txt");
        JsonPath third = publish(r.org(), target, repoBody(r));
        assertThat(third.getString("state")).as(third.prettify()).isEqualTo("completed");
        assertThat(third.getLong("result.uploaded")).isEqualTo(1);
        assertThat(third.getLong("result.deleted")).isEqualTo(2); // the note and its item.json
        Map<String, Long> now = mtimes(bucket);
        for (String unchanged : List.of("templates/web/web.ovf", "templates/web/web.mf", "isos/alma 9,4;[x].iso",
                "isos/alma 9,4;[x].iso.item.json")) {
            assertThat(now.get(prefix + unchanged)).as(unchanged + " not rewritten").isEqualTo(mtimes.get(prefix + unchanged));
        }
        Map<String, byte[]> after = readBack(bucket, prefix);
        assertThat(after.get("templates/web/disk1.vmdk")).isEqualTo(files.get("templates/web/disk1.vmdk"));
        assertThat(after).doesNotContainKeys("notes/read me ü.txt", "notes/read me ü.txt.item.json");
        assertThat(after.get("items.json")).isEqualTo(served(vcsp + "items.json"));
        assertThat(third.getLong("result.documentsUploaded")).as("lib.json, items.json, PULP_MANIFEST, the template's item.json")
                .isEqualTo(4);
    }

    /** Object key to the modification time of its file in s3proxy's filesystem backend: rewritten objects get a new one. */
    static Map<String, Long> mtimes(String bucket) throws Exception {
        Path root = publisherEnd.dir().resolve(bucket);
        Map<String, Long> m = new TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() * 1_000_000
                        + Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).lastModifiedTime().toInstant().getNano() % 1_000_000);
            }
        }
        return m;
    }

    @Test
    void aContentViewInAnEnvironmentIsPublishedUnderItsPath() {
        Repo r = ContentFixtures.repo();
        uploadOk(r, "vm/vm.ovf", "<Envelope/>".getBytes(StandardCharsets.UTF_8));
        uploadOk(r, "vm/vm-disk1.vmdk", bytes(9_000, 64));
        String cv = ContentFixtures.createView(r, false);
        ContentFixtures.publish(r.org(), cv);
        uploadOk(r, "later.txt", bytes(10, 65)); // not in the published version
        String bucket = bucket();
        String target = createTarget(r.org(), bucket);
        JsonPath t = publish(r.org(), target, "{\"contentView\":\"" + cv + "\",\"lifecycleEnvironment\":\"Library\"}");
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        String prefix = "sites/west/Library/" + cv + "/" + r.repo() + "/";
        assertThat(t.getList("result.libraries")).containsExactly(prefix + "lib.json");
        assertThat(readBack(bucket, prefix).keySet()).containsExactlyInAnyOrder("vm/vm.ovf", "vm/vm-disk1.vmdk", "vm/item.json",
                "lib.json", "items.json", "PULP_MANIFEST");
        // what to publish must be one of the two forms
        Api.asAdmin().contentType("application/json").body("{\"contentView\":\"" + cv + "\"}")
                .post("/api/v1/organizations/" + r.org() + "/publication-targets/" + target + "/publications").then().statusCode(422)
                .body("code", is("FERRY-COMMON-001"));
        Api.asAdmin().contentType("application/json").body("{}")
                .post("/api/v1/organizations/" + r.org() + "/publication-targets/nope/publications").then().statusCode(404)
                .body("code", is("FERRY-PUBLICATION-001"));
    }

    @Test
    void targetsKeepTheirCredentialsSealedAndNeverShowThem() throws Exception {
        Repo r = ContentFixtures.repo();
        String bucket = bucket();
        String target = createTarget(r.org(), bucket);
        String secret = publisherEnd.credential();
        String base = "/api/v1/organizations/" + r.org() + "/publication-targets";
        for (String body : List.of(Api.asAdmin().get(base).then().statusCode(200).extract().asString(),
                Api.asAdmin().get(base + "/" + target).then().statusCode(200).body("bucket", is(bucket))
                        .body("prefix", is("sites/west")).body("pathStyle", is(true)).extract().asString())) {
            assertThat(body).doesNotContain(secret).doesNotContain("publisher\"").doesNotContainIgnoringCase("secret");
        }
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select access_key_sealed, secret_key_sealed from publication_target where name = '" + target + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("v1:").doesNotContain("publisher");
            assertThat(rs.getString(2)).startsWith("v1:").doesNotContain(secret);
        }
        Path key = TestDatabaseResource.dataDir().resolve("secrets/secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        Api.asAdmin().delete(base + "/" + target).then().statusCode(200);
        Api.asAdmin().get(base + "/" + target).then().statusCode(404).body("code", is("FERRY-PUBLICATION-001"));
    }

    @Test
    void targetsThatCannotBePublishedToAreRefusedAndNothingIsStored() throws Exception {
        Repo r = ContentFixtures.repo();
        String bucket = bucket();
        String base = "/api/v1/organizations/" + r.org() + "/publication-targets";
        // wrong secret key: the bucket says so, nothing stored, the bucket untouched
        Api.asAdmin().contentType("application/json").body(targetJson("wrong", bucket, "not-the-secret", "")).post(base).then()
                .statusCode(422).body("code", is("FERRY-PUBLICATION-004")).body("detail", org.hamcrest.Matchers.containsString(
                        "--secret-access-key"));
        // a bucket that does not exist
        Api.asAdmin().contentType("application/json").body(targetJson("missing", "no-such-bucket-x", publisherEnd.credential(), ""))
                .post(base).then().statusCode(422).body("code", is("FERRY-PUBLICATION-005"));
        // http when TLS is required (the default)
        Api.asAdmin().contentType("application/json").body(targetJson("plain", bucket, publisherEnd.credential(), "")
                .replace(",\"tlsRequired\":false", "")).post(base).then().statusCode(422).body("code", is("FERRY-PUBLICATION-003"))
                .body("detail", org.hamcrest.Matchers.containsString("--no-tls-required"));
        // not an endpoint; a prefix that climbs; nobody listening
        Api.asAdmin().contentType("application/json").body(targetJson("bad", bucket, "x", "").replace(publisherEnd.endpoint(),
                "ftp://user:pw@host/")).post(base).then().statusCode(422).body("code", is("FERRY-COMMON-001"))
                .body("field", is("endpoint"));
        Api.asAdmin().contentType("application/json").body(targetJson("climb", bucket, "x", "").replace("sites/west", "a/../../b"))
                .post(base).then().statusCode(422).body("field", is("prefix"));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Api.asAdmin().contentType("application/json").body(targetJson("gone", bucket, "x", "").replace(publisherEnd.endpoint(),
                "http://127.0.0.1:" + closed)).post(base).then().statusCode(502).body("code", is("FERRY-PUBLICATION-006"));
        Api.asAdmin().contentType("application/json").body("{\"name\":\"x\"}").post(base).then().statusCode(422)
                .body("code", is("FERRY-COMMON-001"));
        assertThat(Api.asAdmin().get(base).then().statusCode(200).extract().jsonPath().getList("")).isEmpty();
        assertThat(readBack(bucket, "")).isEmpty();
        // the same name twice
        String name = createTarget(r.org(), bucket);
        Api.asAdmin().contentType("application/json").body(targetJson(name, bucket, publisherEnd.credential(), "")).post(base).then()
                .statusCode(409).body("code", is("FERRY-PUBLICATION-002"));
    }

    @Inject
    io.ferry.storage.BlobStore blobStore;

    @Test
    void aFailedRunLeavesThePreviousCompletePublicationAndARerunCompletes() throws Exception {
        Repo r = ContentFixtures.repo();
        byte[] one = bytes(40_000, 66);
        uploadOk(r, "isos/one.iso", one);
        String bucket = bucket();
        String target = createTarget(r.org(), bucket);
        assertThat(publish(r.org(), target, repoBody(r)).getString("state")).isEqualTo("completed");
        String prefix = "sites/west/Library/custom/" + r.product() + "/" + r.repo() + "/";
        Map<String, byte[]> before = readBack(bucket, prefix);

        // the next version's new file cannot be read whole from the blob store: the run fails among the files
        byte[] two = bytes(60_000, 67);
        uploadOk(r, "isos/two.iso", two);
        Path blob = blobStore.file(ContentFixtures.sha256(two));
        Files.write(blob, java.util.Arrays.copyOf(two, 10_000));
        JsonPath failed = publish(r.org(), target, repoBody(r));
        assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("failed");
        assertThat(failed.getString("error.code")).isEqualTo("FERRY-STORAGE-004");
        assertThat(failed.getString("error.detail")).contains("isos/two.iso");
        Map<String, byte[]> during = readBack(bucket, prefix);
        for (String doc : List.of("lib.json", "items.json", "PULP_MANIFEST")) {
            assertThat(during.get(doc)).as(doc + " still the previous publication's").isEqualTo(before.get(doc));
        }
        assertThat(during.get("isos/one.iso")).isEqualTo(one);
        assertThat(during).doesNotContainKey("isos/two.iso.item.json");

        // repaired, the rerun completes and sends only what is missing
        Files.write(blob, two);
        JsonPath rerun = publish(r.org(), target, repoBody(r));
        assertThat(rerun.getString("state")).as(rerun.prettify()).isEqualTo("completed");
        assertThat(rerun.getLong("result.uploaded")).isEqualTo(1);
        assertThat(readBack(bucket, prefix).get("isos/two.iso")).isEqualTo(two);
    }

    @Test
    void aBucketThatDisappearsMidPublicationFailsTheTaskAndARerunCompletes() throws Exception {
        // an endpoint on the same storage that takes 150 ms per upload, so the bucket can go while the task runs
        try (S3Server slow = S3Server.start(publisherEnd.dir(), "publisher", publisherEnd.credential(), Map.of(
                "s3proxy.latency-blobstore", "true", "s3proxy.latency-blobstore.putBlob.latency", "150"))) {
            Repo r = ContentFixtures.repo();
            Map<String, byte[]> files = new TreeMap<>();
            for (int i = 0; i < 40; i++) {
                files.put("f/" + i + ".bin", bytes(2_000, 700 + i));
            }
            for (var e : files.entrySet()) {
                uploadOk(r, e.getKey(), e.getValue());
            }
            String bucket = bucket();
            String name = ContentFixtures.unique("t");
            Api.asAdmin().contentType("application/json").body(targetJson(name, bucket, publisherEnd.credential(), "")
                    .replace(publisherEnd.endpoint(), slow.endpoint())).post("/api/v1/organizations/" + r.org()
                    + "/publication-targets").then().statusCode(201);
            String location = Api.asAdmin().contentType("application/json").body(repoBody(r)).post("/api/v1/organizations/"
                    + r.org() + "/publication-targets/" + name + "/publications").then().statusCode(202).extract().header("Location");
            Path dir = publisherEnd.dir().resolve(bucket);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (countFiles(dir) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the bucket goes while uploads are in flight: its folder is replaced by a file, so that s3proxy cannot
            // recreate it on the next upload (its filesystem backend makes missing folders, S3 would answer NoSuchBucket)
            Path gone = dir.resolveSibling(bucket + ".gone");
            while (!Files.isRegularFile(dir)) {
                try {
                    if (Files.isDirectory(dir)) {
                        TestDatabaseResource.deleteTree(gone);
                        Files.move(dir, gone, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    Files.createFile(dir);
                } catch (java.io.IOException raced) {
                    // an upload made the folder again between the two steps: once more
                }
            }
            JsonPath t = Tasks.awaitEnd(location);
            assertThat(t.getString("state")).as(t.prettify()).isEqualTo("failed");
            assertThat(t.getString("error.code")).isIn("FERRY-PUBLICATION-005", "FERRY-PUBLICATION-007");
            assertThat(t.getString("error.detail")).contains(bucket);

            Files.delete(dir);
            TestDatabaseResource.deleteTree(gone);
            publisherS3.createBucket(b -> b.bucket(bucket));
            JsonPath rerun = publish(r.org(), name, repoBody(r));
            assertThat(rerun.getString("state")).as(rerun.prettify()).isEqualTo("completed");
            Map<String, byte[]> got = readBack(bucket, "sites/west/Library/custom/" + r.product() + "/" + r.repo() + "/");
            for (var e : files.entrySet()) {
                assertThat(got.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    static long countFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
