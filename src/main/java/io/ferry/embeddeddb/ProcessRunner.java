package io.ferry.embeddeddb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short helper process (initdb, pg_ctl) with a timeout; output goes through a temp file. */
final class ProcessRunner {
    private ProcessRunner() {
    }

    static ProcessResult run(List<String> command, Path workDir, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("ferry-pg-", ".out");
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new ProcessResult(-1, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new ProcessResult(p.exitValue(), Files.readString(out));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("Interrupted while running " + command.get(0), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // temp file cleanup is best effort
                }
            }
        }
    }
}
