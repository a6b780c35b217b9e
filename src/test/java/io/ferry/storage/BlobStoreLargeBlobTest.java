package io.ferry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1 GiB blob is stored by a JVM limited to a 32 MiB heap: the store streams, it never buffers a blob. */
class BlobStoreLargeBlobTest {
    static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void oneGibBlobWithA32MibHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                LargeBlobPut.class.getName(), dir.toString(), String.valueOf(GIB)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] f = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        assertThat(Long.parseLong(f[2])).as("max heap of the child").isLessThanOrEqualTo(32L << 20);
        assertThat(Long.parseLong(f[1])).isEqualTo(GIB);
        Path stored = dir.resolve("sha256").resolve(f[0].substring(0, 2)).resolve(f[0]);
        assertThat(Files.size(stored)).isEqualTo(GIB);
        assertThat(Sha256sum.of(stored)).isEqualTo(f[0]);
    }
}
