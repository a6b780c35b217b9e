package io.ferry.remote;

import static io.ferry.support.ContentFixtures.bytes;
import static io.ferry.support.ContentFixtures.repoView;
import static io.ferry.support.ContentFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.ContentFixtures.Repo;
import io.ferry.support.TestCertificates;
import io.ferry.support.TestDatabaseResource;
import io.ferry.support.Tasks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
class SyncApiTest {
    static TestCertificates certs;
    static FakeRemote remote;

    @BeforeAll
    static void startRemote() throws Exception {
        certs = new TestCertificates();
        remote = new FakeRemote(certs);
    }

    @AfterAll
    static void stopRemote() {
        remote.close();
    }

    @Test
    void syncDownloadsOnlyMissingFilesOverMutualTlsResumesBrokenTransfersAndMirrors() throws Exception {
        byte[] known = bytes(40_000, 31);
        byte[] broken = bytes(300_000, 32);
        byte[] fresh = bytes(70_000, 33);
        ContentFixtures.uploadOk(ContentFixtures.repo(), "elsewhere.iso", known);
        Map<String, byte[]> content = new LinkedHashMap<>();
        content.put("known.iso", known);
        content.put("images/broken.qcow2", broken);
        content.put("images/fresh file.vmdk", fresh);
        remote.publish(content);
        remote.breakOnce.put("images/broken.qcow2", 100_000);
        Repo r = withRemote(remote.url());

        JsonPath t = sync(r);
        assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
        assertThat(t.getLong("result.downloadedFiles")).isEqualTo(2);
        assertThat(t.getLong("progress.bytesDone")).isEqualTo(broken.length + fresh.length);
        assertThat(remote.requestsFor("known.iso")).isZero();
        assertThat(remote.requests).contains("images/broken.qcow2 null");
        assertThat(remote.requests).anyMatch(q -> q.matches("images/broken\\.qcow2 bytes=\\d+-") && !q.endsWith("=0-"));
        assertThat(remote.requestsFor("images/fresh file.vmdk")).isEqualTo(1);
        JsonPath units = Api.asAdmin().get(r.path() + "/versions/1/units").then().statusCode(200).extract().jsonPath();
        assertThat(units.getList("items.relativePath")).containsExactly("images/broken.qcow2", "images/fresh file.vmdk", "known.iso");
        assertThat(units.getList("items.sha256")).containsExactly(sha256(broken), sha256(fresh), sha256(known));

        content.remove("known.iso");
        remote.publish(content);
        JsonPath again = sync(r);
        assertThat(again.getString("state")).as(again.prettify()).isEqualTo("completed");
        assertThat(again.getLong("result.removed")).isEqualTo(1);
        assertThat(again.getLong("result.downloadedFiles")).isZero();
        assertThat(repoView(r).getLong("unitCount")).isEqualTo(2);
    }

    @Test
    void filesAreDownloadedSeveralAtOnceAndABlobAtTwoPathsOnce() throws Exception {
        Map<String, byte[]> content = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            content.put("many/file-" + i + ".bin", bytes(20_000 + i, 400 + i));
        }
        byte[] twice = bytes(12_345, 499);
        content.put("a/twice.bin", twice);
        content.put("b/twice.bin", twice);
        remote.publish(content);
        remote.delayMillis = 300;
        remote.maxActive.set(0);
        try {
            Repo r = withRemote(remote.url());
            JsonPath t = sync(r);
            assertThat(t.getString("state")).as(t.prettify()).isEqualTo("completed");
            assertThat(t.getLong("result.downloadedFiles")).isEqualTo(11);
            assertThat(t.getLong("progress.unitsDone")).isEqualTo(12);
            assertThat(remote.maxActive.get()).as("downloads in progress at once").isGreaterThanOrEqualTo(2);
            assertThat(remote.requestsFor("a/twice.bin") + remote.requestsFor("b/twice.bin")).isEqualTo(1);
            assertThat(repoView(r).getLong("unitCount")).isEqualTo(12);
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                assertThat(blob(sha256(e.getValue()))).as(e.getKey()).exists();
            }
        } finally {
            remote.delayMillis = 0;
        }
    }

    @Test
    void aManifestWithAWrongChecksumFailsTheSyncAndChangesNothing() throws Exception {
        byte[] good = bytes(1000, 34);
        remote.publish(Map.of("good.iso", good));
        Repo r = withRemote(remote.url());
        assertThat(sync(r).getString("state")).isEqualTo("completed");

        byte[] liar = bytes(2000, 35);
        String claimed = sha256(bytes(2000, 36));
        remote.files.put("liar.iso", liar);
        remote.manifest = "good.iso," + sha256(good) + ",1000\nliar.iso," + claimed + ",2000\n";
        JsonPath t = sync(r);
        assertThat(t.getString("state")).isEqualTo("failed");
        assertThat(t.getString("error.code")).isEqualTo("FERRY-SYNC-004");
        assertThat(t.getString("error.detail")).contains("liar.iso");
        assertThat(repoView(r).getInt("latestVersion")).isEqualTo(1);
        assertThat(Files.exists(blob(sha256(liar)))).isFalse();
        assertThat(Files.exists(blob(claimed))).isFalse();
    }

    @Test
    void aManifestWithAnEscapingPathOrGarbageFailsAndChangesNothing() throws Exception {
        Repo r = withRemote(remote.url());
        for (String manifest : List.of("../../etc/passwd," + sha256(new byte[1]) + ",1\n", "not,a,valid,line\n",
                "x.iso,nothex,12\n")) {
            remote.files.clear();
            remote.manifest = manifest;
            JsonPath t = sync(r);
            assertThat(t.getString("error.code")).as(manifest).isEqualTo("FERRY-SYNC-003");
            assertThat(repoView(r).getInt("latestVersion")).isZero();
        }
    }

    @Test
    void withoutTheClientCertificateTheRemoteIsUnreachableAndBadPemIsRefused() throws Exception {
        remote.publish(Map.of("a.iso", bytes(10, 37)));
        Repo r = ContentFixtures.repo();
        String noClientCert = new ObjectMapper().writeValueAsString(Map.of("remote", Map.of("url", remote.url(),
                "caCert", TestCertificates.pem(certs.ca))));
        Api.asAdmin().contentType("application/json").body(noClientCert).put(r.path()).then().statusCode(200);
        JsonPath t = sync(r);
        assertThat(t.getString("error.code")).isEqualTo("FERRY-SYNC-002");
        assertThat(repoView(r).getInt("latestVersion")).isZero();
        Api.asAdmin().contentType("application/json").body("{\"remote\":{\"url\":\"" + remote.url() + "\",\"caCert\":\"junk\"}}")
                .put(r.path()).then().statusCode(422).body("code", is("FERRY-SYNC-005"));
        Api.asAdmin().contentType("application/json").body("{\"remote\":{\"url\":\"ftp://example/x\"}}")
                .put(r.path()).then().statusCode(422).body("field", is("remote.url"));
        Repo bare = ContentFixtures.repo();
        Api.asAdmin().post(bare.path() + "/sync").then().statusCode(422).body("code", is("FERRY-SYNC-001"));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;
    @jakarta.inject.Inject
    RemoteSecrets remoteSecrets;

    @Test
    void theRemotesKeyAndPasswordAreStoredSealedAndOlderClearRowsAreSealedAtStart() throws Exception {
        Repo r = withRemote(remote.url());
        String key = TestCertificates.pem(certs.clientKey.getPrivate());
        Api.asAdmin().contentType("application/json").body(new ObjectMapper().writeValueAsString(Map.of("remote", Map.of("url",
                remote.url(), "caCert", TestCertificates.pem(certs.ca), "clientCert", TestCertificates.pem(certs.client), "clientKey",
                key, "username", "mirror", "password", "remote-pw-" + r.repo())))).put(r.path()).then().statusCode(200)
                .body("remote.password", is(true));
        String[] stored = stored(r);
        assertThat(stored[0]).startsWith("v1:").doesNotContain("PRIVATE KEY");
        assertThat(stored[1]).startsWith("v1:").doesNotContain("remote-pw-");
        assertThat(remoteSecrets.open(stored[0], RemoteSecrets.CLIENT_KEY)).isEqualTo(key);
        assertThat(sync(r).getString("state")).isEqualTo("completed"); // the sync opens the sealed key
        // a row an earlier version wrote in the clear is sealed at the next start
        try (java.sql.Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "update repository set remote_client_key = ?, remote_password = ? where label = ?")) {
            ps.setString(1, key);
            ps.setString(2, "clear-pw");
            ps.setString(3, r.repo());
            ps.executeUpdate();
        }
        remoteSecrets.sealOlderRows(null);
        stored = stored(r);
        assertThat(stored[0]).startsWith("v1:");
        assertThat(remoteSecrets.open(stored[1], RemoteSecrets.PASSWORD)).isEqualTo("clear-pw");
        assertThat(sync(r).getString("state")).isEqualTo("completed");
    }

    String[] stored(Repo r) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select remote_client_key, remote_password from repository where label = ?")) {
            ps.setString(1, r.repo());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    static Repo withRemote(String url) throws Exception {
        Repo r = ContentFixtures.repo();
        String body = new ObjectMapper().writeValueAsString(Map.of("remote", Map.of("url", url,
                "caCert", TestCertificates.pem(certs.ca), "clientCert", TestCertificates.pem(certs.client),
                "clientKey", TestCertificates.pem(certs.clientKey.getPrivate()))));
        Api.asAdmin().contentType("application/json").body(body).put(r.path()).then().statusCode(200)
                .body("remote.clientCert", is(true)).body("remote.caCert", is(true));
        return r;
    }

    static JsonPath sync(Repo r) {
        String location = Api.asAdmin().post(r.path() + "/sync").then().statusCode(202).extract().header("Location");
        return Tasks.awaitEnd(location);
    }

    static java.nio.file.Path blob(String sha) {
        return TestDatabaseResource.dataDir().resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
    }
}
