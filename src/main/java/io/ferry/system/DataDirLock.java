package io.ferry.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One server per data directory: an OS file lock on {@code <data>/ferry.lock}, taken before anything else
 * starts (the embedded PostgreSQL included) and held for the life of the process. The operating system
 * releases it when the process ends, however it ends, so a crash leaves no stale lock to clear; the file
 * keeps the holder's pid and start time so a refusal can name it.
 */
public final class DataDirLock {
    public static final String FILE = "ferry.lock";
    private static FileChannel channel;
    private static FileLock lock;

    private DataDirLock() {
    }

    /** Thrown when another process holds the directory. */
    public static final class HeldException extends Exception {
        HeldException(String message) {
            super(message);
        }
    }

    public static synchronized void acquire(Path dataDir) throws IOException, HeldException {
        if (lock != null) {
            return;
        }
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            String holder = holder(ch);
            ch.close();
            throw new HeldException("the data directory " + dataDir + " is in use by another Ferry server (" + holder + "). Two "
                    + "servers on one directory would share and damage its database and blob store. Stop the other server "
                    + "first, or give this one its own directory with FERRY_DATA_DIR.");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
        channel = ch;
        lock = l;
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(256);
        ch.read(b, 0);
        String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "pid unknown" : text;
    }
}
