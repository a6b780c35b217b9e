package io.ferry.export.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.support.Tools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our ISO 9660 + Joliet output, read back by independent tools: bsdtar, isoinfo and xorriso. */
class IsoImageTest {
    @TempDir
    Path tmp;

    @Test
    void independentReadersListAndExtractEveryFile() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Random r = new Random(3);
        files.put("ferry/manifest.json", "{\"formatVersion\":1}\n".getBytes());
        files.put("ferry/volume.json", new byte[0]);
        files.put("a/b/c/deep name.txt", "deep\n".getBytes());
        byte[] big = new byte[3_000_001];
        r.nextBytes(big);
        files.put("blobs/ab/" + "ab" + "c".repeat(62), big);
        // enough long names that the Joliet directory spans several sectors
        for (int i = 0; i < 150; i++) {
            byte[] h = new byte[32];
            r.nextBytes(h);
            byte[] content = new byte[r.nextInt(5000)];
            r.nextBytes(content);
            files.put("blobs/ff/" + HexFormat.of().formatHex(h), content);
        }
        IsoImage iso = new IsoImage("ferry-42-1", ZonedDateTime.now());
        files.forEach((path, data) -> iso.add(path, data.length, out -> out.write(data)));
        Path image = tmp.resolve("v.iso");
        try (OutputStream out = Files.newOutputStream(image)) {
            iso.writeTo(out);
        }
        assertEquals(iso.size(), Files.size(image));

        String bsd = Tools.ok(tmp, "bsdtar", "-tf", image.toString());
        String joliet = Tools.ok(tmp, "isoinfo", "-J", "-f", "-i", image.toString());
        for (String path : files.keySet()) {
            assertTrue(bsd.lines().anyMatch(l -> l.equals(path)), "bsdtar lists " + path + ":\n" + bsd);
            assertTrue(joliet.lines().anyMatch(l -> l.equals("/" + path)), "isoinfo -J lists " + path);
        }
        Tools.ok(tmp, "isoinfo", "-l", "-i", image.toString());
        String xorriso = Tools.ok(tmp, "xorriso", "-indev", image.toString(), "-find", "/", "-type", "f");
        assertTrue(xorriso.contains("'/blobs/ab/ab" + "c".repeat(62) + "'"), xorriso);

        Path out = Files.createDirectories(tmp.resolve("x"));
        Tools.ok(out, "bsdtar", "-xf", image.toString());
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
        }
        // isoinfo -x reads a file through the primary (8.3-free, level 2) tree as well
        Tools.ok(tmp, "isovfy", image.toString());
    }

    @Test
    void refusesFilesThatNeedMoreThanOneExtent() {
        IsoImage iso = new IsoImage("x", ZonedDateTime.now());
        assertThrows(IllegalArgumentException.class, () -> iso.add("big", IsoImage.MAX_FILE + 1, o -> { }));
    }

    @Test
    void aContentCallbackThatWritesTheWrongSizeFails() {
        IsoImage iso = new IsoImage("x", ZonedDateTime.now());
        iso.add("f", 10, o -> o.write(new byte[9]));
        assertThrows(java.io.IOException.class, () -> iso.writeTo(OutputStream.nullOutputStream()));
    }
}
