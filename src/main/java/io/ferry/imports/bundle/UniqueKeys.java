package io.ferry.imports.bundle;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds unit paths listed twice in one repository of a manifest, in bounded memory whatever the unit
 * count: each (repository, path) becomes a 64-bit key (from SHA-256, so keys cannot be forged to
 * collide), kept in a sorted in-memory run of {@value #RUN} keys and spilled to a temp file when full;
 * runs are merged at the end. A key seen twice is a candidate that the caller confirms by path.
 */
final class UniqueKeys implements Closeable {
    static final int RUN = 1 << 20;
    /** Candidates reported at most (each is confirmed against the real paths). */
    static final int MAX_CANDIDATES = 16;

    private final Path dir;
    private final MessageDigest md = io.ferry.storage.BlobStore.sha256();
    private final List<Path> runs = new ArrayList<>();
    private long[] keys = new long[1024];
    private int n;

    UniqueKeys(Path dir) {
        this.dir = dir;
    }

    long key(int repository, String path) {
        md.update(ByteBuffer.allocate(4).putInt(repository).array());
        md.update(path.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    void add(int repository, String path) throws IOException {
        if (n == keys.length) {
            if (n == RUN) {
                spill();
            } else {
                keys = Arrays.copyOf(keys, Math.min(RUN, n * 2));
            }
        }
        keys[n++] = key(repository, path);
    }

    private void spill() throws IOException {
        Arrays.sort(keys, 0, n);
        Path run = Files.createTempFile(dir, "import-paths-", ".run");
        runs.add(run);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (int i = 0; i < n; i++) {
                out.writeLong(keys[i]);
            }
        }
        n = 0;
    }

    /** Keys seen more than once (at most {@value #MAX_CANDIDATES}), in key order. */
    long[] duplicates() throws IOException {
        if (!runs.isEmpty() && n > 0) {
            spill();
        }
        long[] found = new long[MAX_CANDIDATES];
        int f = 0;
        if (runs.isEmpty()) {
            Arrays.sort(keys, 0, n);
            for (int i = 1; i < n && f < found.length; i++) {
                if (keys[i] == keys[i - 1] && (f == 0 || found[f - 1] != keys[i])) {
                    found[f++] = keys[i];
                }
            }
            return Arrays.copyOf(found, f);
        }
        keys = null;
        PriorityQueue<Reader> queue = new PriorityQueue<>((a, b) -> Long.compare(a.head, b.head));
        try {
            for (Path run : runs) {
                Reader r = new Reader(run);
                if (r.advance()) {
                    queue.add(r);
                } else {
                    r.close();
                }
            }
            boolean any = false;
            long previous = 0;
            while (!queue.isEmpty() && f < found.length) {
                Reader r = queue.poll();
                long k = r.head;
                if (any && k == previous && (f == 0 || found[f - 1] != k)) {
                    found[f++] = k;
                }
                any = true;
                previous = k;
                if (r.advance()) {
                    queue.add(r);
                } else {
                    r.close();
                }
            }
        } finally {
            for (Reader r : queue) {
                r.close();
            }
        }
        return Arrays.copyOf(found, f);
    }

    @Override
    public void close() throws IOException {
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
    }

    private static final class Reader implements Closeable {
        private final DataInputStream in;
        long head;

        Reader(Path run) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        }

        boolean advance() throws IOException {
            try {
                head = in.readLong();
                return true;
            } catch (EOFException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
