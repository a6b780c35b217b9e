package io.ferry.storage;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs coreutils' sha256sum: an independent check of the digests Ferry computes. */
final class Sha256sum {
    private Sha256sum() {
    }

    static String of(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("sha256sum failed: " + out);
        }
        return out.substring(0, 64);
    }

    /** The digest of {@code data} as sha256sum computes it (fed on its standard input). */
    static String of(byte[] data) throws Exception {
        Process p = new ProcessBuilder("sha256sum", "-").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(data);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("sha256sum failed: " + out);
        }
        return out.substring(0, 64);
    }
}
