package io.ferry.export;

import io.ferry.export.media.IsoImage;
import io.ferry.export.media.ParallelGzipOutputStream;
import io.ferry.export.media.TarHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.concurrent.ExecutorService;

/**
 * The media writers: the same bundle entries written as a directory tree, a tar.gz volume or an
 * ISO 9660 volume. Each takes its entries from {@link VolumeContents} in bundle order.
 */
final class VolumeWriters {
    private VolumeWriters() {
    }

    /** Writes one tar.gz volume to {@code out} (a file or an HTTP response); the caller hashes and counts. */
    static void tgz(VolumeContents contents, long exportId, int volume, Path manifest, Path marker, OutputStream out,
                    int level, ExecutorService pool, int threads, BundleEntry.Progress progress) throws IOException {
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, level, pool, threads);
        long mtime = System.currentTimeMillis() / 1000;
        byte[] zeros = new byte[TarHeader.RECORD];
        contents.forEach(exportId, volume, manifest, marker, e -> {
            gz.write(TarHeader.file(e.path(), e.size(), mtime));
            e.copyTo(gz, progress);
            int pad = (int) (TarHeader.padded(e.size()) - e.size());
            gz.write(zeros, 0, pad);
        });
        gz.write(new byte[TarHeader.END]);
        gz.finish();
    }

    /** Writes one ISO 9660 + Joliet volume to {@code out}. */
    static void iso(VolumeContents contents, long exportId, int volume, Path manifest, Path marker, OutputStream out,
                    BundleEntry.Progress progress) throws IOException {
        IsoImage image = new IsoImage("FERRY_" + exportId + "_" + volume, ZonedDateTime.now());
        contents.forEach(exportId, volume, manifest, marker, e -> image.add(e.path(), e.size(), o -> e.copyTo(o, progress)));
        image.writeTo(out);
    }

    /**
     * Writes the bundle as a plain tree under {@code dir}. With {@code link}, blobs are hard-linked from the
     * blob store when it is on the same filesystem (a link costs no data copy); otherwise copied.
     */
    static void dir(VolumeContents contents, long exportId, Path manifest, Path marker, Path dir, boolean link,
                    BundleEntry.Progress progress) throws IOException {
        boolean[] linking = {link};
        contents.forEach(exportId, 1, manifest, marker, e -> {
            Path target = dir.resolve(e.path());
            if (target.equals(e.source())) {
                return; // the manifest and volume marker are written in place
            }
            Files.createDirectories(target.getParent());
            if (e.recipe() != null) {
                try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW),
                        1 << 20)) {
                    e.copyTo(o, progress);
                }
                return;
            }
            if (linking[0] && e.blob() && e.offset() == 0 && Files.size(e.source()) == e.size()) {
                try {
                    Files.createLink(target, e.source());
                    progress.copied(e.size());
                    return;
                } catch (FileAlreadyExistsException ex) {
                    throw ex;
                } catch (IOException | UnsupportedOperationException ex) {
                    linking[0] = false; // another filesystem: copy from now on
                }
            }
            try (FileChannel in = FileChannel.open(e.source(), StandardOpenOption.READ);
                 FileChannel outCh = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long pos = e.offset();
                long end = e.offset() + e.size();
                while (pos < end) {
                    long n = in.transferTo(pos, Math.min(end - pos, 64L << 20), outCh);
                    if (n <= 0) {
                        throw new IOException(e.source() + " ended early");
                    }
                    pos += n;
                    if (e.blob()) {
                        progress.copied(n);
                    }
                }
            }
        });
    }
}
