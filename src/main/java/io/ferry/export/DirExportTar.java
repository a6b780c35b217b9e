package io.ferry.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A dir export's tree as one uncompressed tar stream, for {@code ferry content-export download} to unpack elsewhere:
 * regular files and directories only (hard-linked blobs go as plain files), walked without listing the tree in memory.
 */
final class DirExportTar {
    private DirExportTar() {
    }

    static void write(Path root, OutputStream response) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(response, 1 << 16);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    TarArchiveEntry e = new TarArchiveEntry(root.relativize(dir).toString().replace('\\', '/') + "/");
                    e.setModTime(attrs.lastModifiedTime());
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    TarArchiveEntry e = new TarArchiveEntry(root.relativize(file).toString().replace('\\', '/'));
                    e.setSize(attrs.size());
                    e.setModTime(attrs.lastModifiedTime());
                    tar.putArchiveEntry(e);
                    Files.copy(file, tar);
                    tar.closeArchiveEntry();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        tar.finish();
        buffered.flush();
    }
}
