package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server (or whatever answers in its place) sends as a dir export's tree: only files below --to are written. */
class TreeDownloadTest {
    @TempDir
    Path dir;

    private static byte[] tar(String name, byte type, String content) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(buf)) {
            TarArchiveEntry ok = new TarArchiveEntry("ferry/manifest.json");
            byte[] m = "{}".getBytes(StandardCharsets.UTF_8);
            ok.setSize(m.length);
            t.putArchiveEntry(ok);
            t.write(m);
            t.closeArchiveEntry();
            TarArchiveEntry e = new TarArchiveEntry(name, type);
            if (type == TarConstants.LF_SYMLINK) {
                e.setLinkName("/etc/passwd");
            } else {
                e.setSize(content.length());
            }
            t.putArchiveEntry(e);
            if (type != TarConstants.LF_SYMLINK) {
                t.write(content.getBytes(StandardCharsets.UTF_8));
            }
            t.closeArchiveEntry();
        }
        return buf.toByteArray();
    }

    private TreeDownload.Result unpack(byte[] tar, Path to) throws IOException {
        return TreeDownload.unpack(new ByteArrayInputStream(tar), to, new PrintWriter(new StringWriter()));
    }

    @Test
    void aWellFormedTreeIsUnpackedBelowTheDirectory() throws Exception {
        Path to = dir.resolve("to");
        TreeDownload.Result r = unpack(tar("blobs/ab/cd/abcd", TarConstants.LF_NORMAL, "blob"), to);
        assertThat(r.files()).isEqualTo(2);
        assertThat(Files.readString(to.resolve("blobs/ab/cd/abcd"))).isEqualTo("blob");
        try (var s = Files.walk(to)) {
            assertThat(s.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void entriesOutsideTheDirectoryLinksAndTruncatedStreamsAreRefused() throws Exception {
        Path to = dir.resolve("to");
        for (String evil : new String[] {"../escaped.txt", "ferry/../../escaped.txt"}) {
            assertThatThrownBy(() -> unpack(tar(evil, TarConstants.LF_NORMAL, "x"), to)).as(evil).isInstanceOf(CliException.class)
                    .hasMessageContaining("outside");
        }
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        Path abs = dir.resolve("abs");
        unpack(tar(dir.resolve("absolute.txt").toString(), TarConstants.LF_NORMAL, "x"), abs); // tar drops the leading '/'
        assertThat(dir.resolve("absolute.txt")).as("an absolute name lands below the directory").doesNotExist();
        assertThat(abs.resolve(dir.toString().substring(1)).resolve("absolute.txt")).exists();
        assertThatThrownBy(() -> unpack(tar("ferry/link", TarConstants.LF_SYMLINK, ""), to)).isInstanceOf(CliException.class)
                .hasMessageContaining("not a regular file");
        assertThat(to.resolve("ferry/link")).doesNotExist();

        byte[] whole = tar("blobs/big", TarConstants.LF_NORMAL, "y".repeat(5000));
        Path cut = dir.resolve("cut");
        assertThatThrownBy(() -> unpack(Arrays.copyOf(whole, 2048), cut)).isInstanceOf(IOException.class);
        assertThat(cut.resolve("blobs/big")).as("a partial file never gets its name").doesNotExist();
    }
}
