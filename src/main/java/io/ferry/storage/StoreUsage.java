package io.ferry.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many blobs the store holds and their bytes, for the metrics: counted by walking the store (at start, in the
 * background, and again now and then) plus every blob placed since. A blob placed while a walk runs may be counted
 * twice until the next walk; nothing deletes blobs yet, so the figures never run low.
 */
public final class StoreUsage {
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean counted;

    void added(long size) {
        objects.incrementAndGet();
        bytes.addAndGet(size);
    }

    public long objects() {
        return objects.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** Whether a walk of the store has finished (before that the figures are only what was placed since start). */
    public boolean counted() {
        return counted;
    }

    /** Walks the store's fan-out directories (not its temp files) and sets the figures to what it found plus what was placed meanwhile. */
    void walk(Path root) throws IOException {
        long objectsBefore = objects.get();
        long bytesBefore = bytes.get();
        long[] found = new long[2];
        if (Files.isDirectory(root)) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found[0]++;
                        found[1] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a file removed meanwhile
                }
            });
        }
        objects.addAndGet(found[0] - objectsBefore);
        bytes.addAndGet(found[1] - bytesBefore);
        counted = true;
    }
}
