package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C while a command waits for its task, on a real terminal: util-linux {@code script} gives the CLI a
 * pseudo-terminal, so it draws its progress bar and a typed ^C reaches it as SIGINT. Answering "y" to the
 * prompt cancels the export on the server.
 */
class CtrlCTest extends AgainstServer {
    @Test
    void ctrlCAsksAndYesCancelsTheTaskOnTheServer() throws Exception {
        ok("organization", "create", "--name", "CTRLC", "--label", "CTRLC");
        ok("product", "create", "--organization", "CTRLC", "--name", "Images", "--label", "images");
        ok("repository", "create", "--organization", "CTRLC", "--product", "images", "--name", "isos");
        Path dir = Files.createTempDirectory(Files.createDirectories(RunningServer.root()), "ctrlc-");
        Path big = dir.resolve("big.log");
        Random random = new Random(3);
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(big))) {
            for (int i = 0; i < 4_000_000; i++) { // about 250 MB of log text: level-9 deflate takes seconds
                o.write(("2026-11-22T07:00:00Z node" + random.nextInt(500) + " app[" + random.nextInt(99999) + "]: job " + i
                        + " finished in " + random.nextInt(9999) + " ms\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        ok("repository", "upload-content", "--organization", "CTRLC", "--product", "images", "--name", "isos", "--path",
                big.toString(), "--relative-path", "big.log");
        Files.delete(big);
        ok("content-view", "create", "--organization", "CTRLC", "--name", "web", "--repositories", "images/isos");
        ok("content-view", "publish", "--organization", "CTRLC", "--name", "web");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cli = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.ferry.cli.FerryCli --server " + server.url
                + " --password " + RunningServer.ADMIN_PASSWORD + " content-export complete version --organization CTRLC"
                + " --content-view web --version 1.0 --format tgz --compression best";
        Process p = new ProcessBuilder("script", "-qfec", cli, "/dev/null").redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        InputStream in = p.getInputStream();
        OutputStream keys = p.getOutputStream();
        waitFor(in, seen, "/s", 120); // the bar shows a rate once it has one
        keys.write(3); // Ctrl-C
        keys.flush();
        waitFor(in, seen, "[y/N]", 30);
        keys.write("y\n".getBytes(StandardCharsets.US_ASCII));
        keys.flush();
        waitFor(in, seen, "canceled on request", 60);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(seen.toString()).isEqualTo(130);
        assertThat(seen.toString()).contains("/s, ETA ").contains("Cancel task");
        assertThat(ok("--fields", "status", "content-export", "list", "--organization", "CTRLC").out()).contains("canceled");
    }

    private static void waitFor(InputStream in, StringBuilder seen, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] buf = new byte[4096];
        while (!seen.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + seconds + " s; saw:\n" + seen);
            }
            if (in.available() > 0) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new AssertionError("ended before '" + text + "'; saw:\n" + seen);
                }
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } else {
                Thread.sleep(20);
            }
        }
    }
}
