package io.ferry.imports.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ferry.common.FerryException;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.FileContentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to a valid manifest, fed through the same path an import takes (the byte guard while
 * copying, then the full scan and a later pass). Whatever the damage, the answer is a success or a 4xx
 * problem with a code, never another exception. Fixed seed; {@code -Dferrytest.fuzz.iterations=N} runs longer.
 */
class ManifestFuzzTest {
    static final long SEED = 20261201L;
    static final int ITERATIONS = Integer.getInteger("ferrytest.fuzz.iterations", 400);
    static final Function<String, ContentType> TYPES = t -> FileContentType.ID.equals(t) ? new FileContentType() : null;
    static final Limits LIMITS = new Limits(64L << 20, 100_000, 100_000, 100, 10, 1L << 40);

    @TempDir
    Path tmp;

    /** A valid manifest: content view scope, two repositories with units and metadata, blobs, one volume. */
    static byte[] manifest() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(b, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", "ferry-export");
            g.writeNumberField("formatVersion", 1);
            g.writeObjectFieldStart("export");
            g.writeNumberField("id", 7);
            g.writeStringField("type", "complete");
            g.writeStringField("createdAt", "2026-12-01T08:00:00Z");
            g.writeStringField("createdBy", "admin");
            g.writeStringField("destination", "default");
            g.writeStringField("format", "dir");
            g.writeEndObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("serverId", "00000000-0000-0000-0000-000000000001");
            g.writeStringField("serverName", "ferry");
            g.writeStringField("version", "0.1.0");
            g.writeEndObject();
            g.writeNullField("base");
            g.writeObjectFieldStart("scope");
            g.writeStringField("kind", "content_view_version");
            g.writeObjectFieldStart("organization");
            g.writeStringField("label", "acme");
            g.writeEndObject();
            g.writeObjectFieldStart("contentView");
            g.writeStringField("label", "web");
            g.writeStringField("name", "Web");
            g.writeStringField("description", "two\nlines");
            g.writeNumberField("major", 2);
            g.writeNumberField("minor", 0);
            g.writeStringField("version", "2.0");
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("repositories");
            String[] shas = {"11".repeat(32), "22".repeat(32), "33".repeat(32)};
            for (int r = 0; r < 2; r++) {
                g.writeStartObject();
                g.writeObjectFieldStart("product");
                g.writeStringField("label", "images");
                g.writeStringField("name", "Images");
                g.writeEndObject();
                g.writeStringField("label", "repo" + r);
                g.writeStringField("name", "Repo " + r);
                g.writeStringField("contentType", "file");
                g.writeNumberField("version", 3);
                g.writeNumberField("unitCount", 3);
                g.writeNumberField("totalSize", 30);
                g.writeArrayFieldStart("units");
                for (int u = 0; u < 3; u++) {
                    g.writeStartObject();
                    g.writeStringField("relativePath", "dir/file-" + u + ".iso");
                    g.writeStringField("sha256", shas[u]);
                    g.writeNumberField("size", 10);
                    g.writeObjectFieldStart("metadata");
                    g.writeStringField("os", "rhel9");
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("blobs");
            for (String sha : shas) {
                g.writeStartObject();
                g.writeStringField("sha256", sha);
                g.writeNumberField("size", 10);
                g.writeStringField("path", "blobs/" + sha);
                g.writeNumberField("volume", 1);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("volumes");
            g.writeStartObject();
            g.writeNumberField("number", 1);
            g.writeNullField("name");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        return b.toByteArray();
    }

    static final String[] NASTY = {"\"../..\"", "\"PULP_MANIFEST\"", "\"a\\u001b[2J\"", "\"\\ud800\"", "null", "-1", "1e999",
        "99999999999999999999999", "{}", "[]", "true", "\"" + "A".repeat(3 << 20) + "\"", "[".repeat(40) + "]".repeat(40),
        "\"custom\"", "\"\\u202Egnp.exe\"", "0", "\"\"", "\"x\\ny\""};

    static byte[] mutate(byte[] base, Random rnd) {
        byte[] m = base.clone();
        int kind = rnd.nextInt(7);
        int at = rnd.nextInt(m.length);
        switch (kind) {
            case 0 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
                return m;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(m, at);
            }
            case 2 -> {
                byte[] junk = new byte[1 + rnd.nextInt(64)];
                rnd.nextBytes(junk);
                return splice(m, at, at, junk);
            }
            case 3 -> {
                int end = Math.min(m.length, at + rnd.nextInt(200));
                return splice(m, at, end, new byte[0]);
            }
            case 4 -> {
                int end = Math.min(m.length, at + rnd.nextInt(300));
                return splice(m, at, at, java.util.Arrays.copyOfRange(m, at, end));
            }
            default -> {
                String s = new String(m, StandardCharsets.UTF_8);
                int colon = s.indexOf(':', at);
                if (colon < 0) {
                    return m;
                }
                int end = colon + 1;
                if (end < s.length() && s.charAt(end) == '"') {
                    end = s.indexOf('"', end + 1) + 1;
                } else {
                    while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
                        end++;
                    }
                }
                if (end <= colon) {
                    return m;
                }
                return (s.substring(0, colon + 1) + NASTY[rnd.nextInt(NASTY.length)] + s.substring(end))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    static byte[] splice(byte[] m, int from, int to, byte[] insert) {
        byte[] out = new byte[m.length - (to - from) + insert.length];
        System.arraycopy(m, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(m, to, out, from + insert.length, m.length - to);
        return out;
    }

    /** The import's path for a manifest: guarded copy, full scan, then a pass over every unit. */
    void read(byte[] manifest) throws IOException {
        Path file = tmp.resolve("manifest.json");
        try (OutputStream out = Files.newOutputStream(file); ManifestGuard guard = new ManifestGuard(out, "fuzz")) {
            BundleEntries.copyLimited(new ByteArrayInputStream(manifest), guard, LIMITS.maxManifestBytes(), "The manifest");
            guard.finish();
        }
        try (Manifest m = Manifest.scan(file, "0".repeat(64), 1, LIMITS, tmp, TYPES)) {
            m.forEachUnit((repo, unit) -> { });
        }
    }

    @Test
    void theValidManifestReads() throws Exception {
        read(manifest());
    }

    @Test
    void randomDamageIsAlwaysAProblemWithACode() throws Exception {
        byte[] base = manifest();
        int refused = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Random rnd = new Random(SEED + i);
            byte[] m = mutate(base, rnd);
            try {
                read(m);
            } catch (FerryException e) {
                refused++;
                int status = e.errorCode().status();
                if (status < 400 || status >= 500) {
                    fail("iteration " + i + " (seed " + (SEED + i) + ") answered " + status + " " + e.errorCode().code() + ": "
                            + e.getMessage());
                }
                assertThat(e.getMessage()).as("iteration %d", i).doesNotContain("\u001b").isNotBlank();
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + " (seed " + (SEED + i) + ") threw " + t, t);
            }
        }
        assertThat(refused).as("most damage is refused").isGreaterThan(ITERATIONS / 2);
    }
}
