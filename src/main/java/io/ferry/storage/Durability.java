package io.ferry.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Makes many written files durable at once: one {@code syncfs(2)} of the blob store's file system (run as
 * {@code sync -f DIR}, coreutils, as the JDK has no call for it), which costs about as much as one fsync however
 * many files were written. Where that is not available (no {@code sync} binary, a file system that refuses it) it
 * falls back to an fsync of every file or directory, the guarantee being the same.
 */
final class Durability {
    private static final Logger LOG = Logger.getLogger(Durability.class);
    private static volatile boolean syncfs = true;

    /** Tests: use (or stop using) {@code sync -f}, to exercise the fallback of one fsync per file. */
    static void useSyncfs(boolean use) {
        syncfs = use;
    }

    private Durability() {
    }

    /** Every one of {@code files} (on the file system of {@code root}) durable when this returns. */
    static void sync(Path root, Collection<Path> files) throws IOException {
        if (syncfs(root)) {
            return;
        }
        for (Path f : files) {
            force(f);
        }
    }

    /** The entries of {@code dirs} (renames into them) durable when this returns. */
    static void syncDirectories(Path root, Collection<Path> dirs) throws IOException {
        if (syncfs(root)) {
            return;
        }
        for (Path d : dirs) {
            try {
                force(d);
            } catch (IOException ignored) {
                // some file systems cannot fsync a directory; the files themselves are durable
            }
        }
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static boolean syncfs(Path root) {
        if (!syncfs) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("sync", "-f", root.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0) {
                return true;
            }
            p.destroyForcibly();
            LOG.warnf("'sync -f %s' failed (exit %s); making blobs durable one fsync at a time from now on", root,
                    p.isAlive() ? "timeout" : p.exitValue());
        } catch (IOException e) {
            LOG.warnf("Cannot run 'sync -f' (%s); making blobs durable one fsync at a time from now on", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        syncfs = false;
        return false;
    }
}
