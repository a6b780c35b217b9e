package io.ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A directory tree as a tar stream written on the fly (never a temp file): every regular file at its path below the
 * directory (PAX headers for long names and large sizes); symbolic links, sockets and devices are skipped and counted.
 * A writer thread fills a pipe the HTTP body reads from, printing files and bytes sent every two seconds.
 */
final class TreeArchive {
    record Scan(long files, long bytes, long skipped) {
    }

    private final Path root;
    private final PrintWriter out;
    private volatile IOException failure;

    TreeArchive(Path root, PrintWriter out) {
        this.root = root;
        this.out = out;
    }

    /** Counts what will be sent (one walk of the tree, no file is read). */
    Scan scan() throws IOException {
        long[] n = {0, 0, 0};
        walk((p, a) -> {
            if (a.isRegularFile()) {
                n[0]++;
                n[1] += a.size();
            } else if (!a.isDirectory()) {
                n[2]++;
            }
        });
        return new Scan(n[0], n[1], n[2]);
    }

    /** The tar stream; the writer thread's failure, if any, is {@link #failure()} and makes the stream's reads fail. */
    InputStream stream(Scan total) {
        StreamPipe pipe = new StreamPipe();
        Thread t = new Thread(() -> {
            try (OutputStream o = pipe.out) {
                write(o, total);
            } catch (IOException e) {
                failure = e;
                pipe.fail(e);
            }
        }, "ferry-tar");
        t.setDaemon(true);
        t.start();
        return pipe.in;
    }

    IOException failure() {
        return failure;
    }

    private void write(OutputStream o, Scan total) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.io.BufferedOutputStream(o, 1 << 16));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        long[] sent = {0, 0};
        long start = System.nanoTime();
        long[] shown = {start};
        walk((p, a) -> {
            if (!a.isRegularFile()) {
                return;
            }
            String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
            TarArchiveEntry e = new TarArchiveEntry(rel);
            e.setSize(a.size());
            e.setModTime(a.lastModifiedTime());
            tar.putArchiveEntry(e);
            try (InputStream f = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                long copied = f.transferTo(tar);
                if (copied != a.size()) {
                    throw new IOException(p + " changed size while it was sent (" + a.size() + " -> " + copied + " bytes)");
                }
            }
            tar.closeArchiveEntry();
            sent[0]++;
            sent[1] += a.size();
            long now = System.nanoTime();
            if (now - shown[0] > 2_000_000_000L) {
                shown[0] = now;
                out.printf("  sent %d of %d files, %s of %s (%d%%)%n", sent[0], total.files(), Output.bytes(sent[1]),
                        Output.bytes(total.bytes()), total.bytes() <= 0 ? 100 : sent[1] * 100 / total.bytes());
                out.flush();
            }
        });
        tar.close(); // the end-of-archive records, the last block, and the pipe
    }

    private interface Visitor {
        void visit(Path p, BasicFileAttributes a) throws IOException;
    }

    private void walk(Visitor v) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Iterator<Path> it = s.iterator(); it.hasNext(); ) {
                Path p = it.next();
                if (p.equals(root)) {
                    continue;
                }
                v.visit(p, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
