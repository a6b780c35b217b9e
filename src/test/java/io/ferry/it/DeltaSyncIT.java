package io.ferry.it;

import static io.ferry.it.ContentFlowIT.as;
import static io.ferry.it.UpstreamSyncIT.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.it.UpstreamSyncIT.Server;
import io.ferry.support.Tools;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Block-level deltas between server processes: A holds a 256 MiB image that B synced; the image changes (1% of its
 * bytes in 20 places, 8 MiB inserted in the middle) and B's next sync receives under 10% of it, rebuilds it from the
 * chunks of the old image and A's new chunks, and holds exactly A's bytes (sha256sum of the stored blob). The same
 * change carried by an incremental tgz export, imported by a third server that holds the old image from the complete
 * export, is as small and rebuilds the same bytes.
 */
class DeltaSyncIT {
    static final int SIZE = 256 << 20;

    @Test
    void aChangedImageSyncsAndExportsAsItsChangedChunks() throws Exception {
        Path root = ServerProcessIT.root().resolve("delta-" + System.nanoTime());
        Files.createDirectories(root);
        Path v1 = image(root.resolve("v1.img"), 11);
        Path v2 = changed(v1, root.resolve("v2.img"), 12);
        String sha1 = Tools.ok(root, "sha256sum", v1.toString()).substring(0, 64);
        String sha2 = Tools.ok(root, "sha256sum", v2.toString()).substring(0, 64);
        Server a = Server.start(root.resolve("a"), "alpha");
        Server b = null;
        Server c = null;
        try {
            a.post("/api/v1/organizations", Map.of("name", "ACME", "label", "ACME"), 201);
            a.post(ORG + "/products", Map.of("name", "Images", "label", "images"), 201);
            a.post(ORG + "/products/images/repositories", Map.of("name", "isos", "label", "isos"), 201);
            upload(a, v1);
            a.post(ORG + "/content-views", Map.of("name", "web", "label", "web", "repositories", List.of("images/isos")), 201);
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            Map<String, Object> scope1 = Map.of("kind", "content_view_version", "contentView", "web", "version", "1.0");
            JsonPath full = a.task(ORG + "/exports", Map.of("scope", scope1, "format", "tgz", "destination", "disc"));
            assertThat(full.getString("state")).as(full.prettify()).isEqualTo("completed");

            b = Server.start(root.resolve("b"), "bravo");
            UpstreamSyncIT.enroll(b, a, "dc-b");
            JsonPath first = b.task(ORG + "/upstream/sync");
            assertThat(first.getString("state")).as(first.prettify()).isEqualTo("completed");
            assertThat(first.getLong("result.bytesReceived")).isGreaterThan(SIZE);

            upload(a, v2); // the same path: version 2.0 holds the changed image only
            assertThat(a.task(ORG + "/content-views/web/publish").getString("state")).isEqualTo("completed");
            JsonPath second = b.task(ORG + "/upstream/sync");
            assertThat(second.getString("state")).as(second.prettify()).isEqualTo("completed");
            long received = second.getLong("result.bytesReceived");
            System.out.printf("delta sync: %d bytes received for a changed %d-byte image (%.2f%%)%n", received, Files.size(v2),
                    100.0 * received / Files.size(v2));
            assertThat(received).as("bytes on the wire").isLessThan(Files.size(v2) / 10);
            assertThat(second.getLong("result.scopes[0].blobsStored")).isEqualTo(1);
            assertThat(b.units("2.0")).isEqualTo(a.units("2.0")).hasSize(1);
            assertThat(Tools.ok(root, "sha256sum", blob(root.resolve("b"), sha2).toString())).startsWith(sha2);

            // the same change on media: an incremental tgz on top of the complete export, imported by C
            Map<String, Object> scope2 = Map.of("kind", "content_view_version", "contentView", "web", "version", "2.0");
            JsonPath inc = a.task(ORG + "/exports", Map.of("scope", scope2, "format", "tgz", "type", "incremental",
                    "destination", "disc"));
            assertThat(inc.getString("state")).as(inc.prettify()).isEqualTo("completed");
            assertThat(inc.getLong("result.deltaBlobs")).isEqualTo(1);
            long carried = inc.getLong("result.totalSize");
            System.out.printf("delta export: incremental tgz of %d bytes (%.2f%%)%n", carried, 100.0 * carried / Files.size(v2));
            assertThat(carried).isLessThan(Files.size(v2) / 10);

            c = Server.start(root.resolve("c"), "charlie");
            c.post("/api/v1/organizations", Map.of("name", "ACME", "label", "ACME"), 201);
            c.post(ORG + "/trusted-certificates", Map.of("pem", a.get("/api/v1/trust/ca").getString("pem")), 201);
            JsonPath base = c.task(ORG + "/imports", Map.of("path", full.getString("result.location")));
            assertThat(base.getString("state")).as(base.prettify()).isEqualTo("completed");
            JsonPath delta = c.task(ORG + "/imports", Map.of("path", inc.getString("result.location")));
            assertThat(delta.getString("state")).as(delta.prettify()).isEqualTo("completed");
            assertThat(delta.getLong("result.blobsStored")).isEqualTo(1);
            assertThat(Tools.ok(root, "sha256sum", blob(root.resolve("c"), sha2).toString())).startsWith(sha2);
            assertThat(ContentFlowIT.units(c.p(), c.password(), ORG + "/content-views/web/versions/2.0/units"))
                    .isEqualTo(a.units("2.0"));
            assertThat(sha1).isNotEqualTo(sha2);
        } finally {
            for (Server s : new Server[] {c, b, a}) {
                if (s != null) {
                    s.p().stop();
                }
            }
        }
    }

    private static void upload(Server s, Path file) {
        as(s.p(), s.password()).contentType("application/octet-stream").body(file.toFile()).queryParam("relativePath", "disk.img")
                .post(ORG + "/products/images/repositories/isos/content/upload").then().statusCode(201);
    }

    static Path blob(Path data, String sha) {
        return data.resolve("blobs").resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
    }

    /** {@value #SIZE} random bytes. */
    static Path image(Path file, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE / buf.length; i++) {
                r.nextBytes(buf);
                out.write(buf);
            }
        }
        return file;
    }

    /** {@code base} with 1% of its bytes overwritten in 20 scattered places and 8 MiB inserted in the middle. */
    static Path changed(Path base, Path file, long seed) throws IOException {
        byte[] b = Files.readAllBytes(base);
        Random r = new Random(seed);
        int run = b.length / 100 / 20;
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[run];
            r.nextBytes(noise);
            System.arraycopy(noise, 0, b, r.nextInt(b.length - run), run);
        }
        byte[] inserted = new byte[8 << 20];
        r.nextBytes(inserted);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(b, 0, b.length / 2);
            out.write(inserted);
            out.write(b, b.length / 2, b.length - b.length / 2);
        }
        return file;
    }
}
