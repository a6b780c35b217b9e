package io.ferry.imports.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A volume file read while it arrives (a sync imports what it receives): the reader follows the writer, never past it. */
class ArrivalsTest {
    @TempDir
    Path dir;

    @Test
    void aReaderFollowsTheWriterAndEndsOnlyWhenTheFileIsWhole() throws Exception {
        byte[] plain = new byte[3 << 20];
        new Random(7).nextBytes(plain);
        for (int i = 0; i < plain.length; i += 2) {
            plain[i] = 'a'; // half compressible, so the gzip stream has both kinds of blocks
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] bytes = gz.toByteArray();
        Path file = Files.createFile(dir.resolve("arriving.tar.gz"));
        try (Arrivals.Arrival arrival = Arrivals.begin(file)) {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = new GZIPInputStream(Arrivals.open(file))) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int off = 0; off < bytes.length; off += 65_537) {
                    int n = Math.min(65_537, bytes.length - off);
                    out.write(bytes, off, n);
                    out.flush();
                    arrival.grew(n);
                    if (off == 0) {
                        Thread.sleep(200);
                        assertThat(read).as("the reader waits where the bytes end").isNotDone();
                    }
                }
            }
            Thread.sleep(200);
            assertThat(read).as("all bytes written, but the writer has not said the file is whole").isNotDone();
            arrival.finish();
            assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(plain);
        }
    }

    @Test
    void aWriterThatFailsFailsTheReaderAfterTheBytesThatArrived() throws Exception {
        Path file = Files.write(dir.resolve("cut.tar.gz"), new byte[] {1, 2, 3});
        try (Arrivals.Arrival arrival = Arrivals.begin(file); InputStream in = Arrivals.open(file)) {
            arrival.grew(3);
            byte[] buf = new byte[10];
            assertThat(in.read(buf)).isEqualTo(3);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read(buf);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            arrival.fail("the upstream's stream broke off: connection reset");
            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class)
                    .hasRootCauseMessage("the upstream's stream broke off: connection reset");
        }
    }

    @Test
    void aFileIsArrivingOnceAndFilesNotArrivingReadAsTheyAre() throws Exception {
        Path file = Files.write(dir.resolve("whole.tar.gz"), new byte[] {4, 5});
        try (InputStream in = Arrivals.open(file)) {
            assertThat(in.readAllBytes()).containsExactly(4, 5);
        }
        Arrivals.Arrival first = Arrivals.begin(file);
        assertThatThrownBy(() -> Arrivals.begin(dir.resolve(".").resolve("whole.tar.gz")))
                .isInstanceOf(IllegalStateException.class);
        InputStream reader = Arrivals.open(file);
        first.close(); // closed before the file was whole: a reader waiting for more fails instead of waiting forever
        assertThatThrownBy(reader::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("before the volume was whole");
        reader.close();
        try (Arrivals.Arrival again = Arrivals.begin(file)) {
            again.grew(2);
            again.finish();
            try (InputStream in = Arrivals.open(file)) {
                assertThat(in.readAllBytes()).containsExactly(4, 5);
            }
        }
    }
}
