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
}
