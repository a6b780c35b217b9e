package io.ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a dir export's tree, sent by the server as one tar stream, into a local directory: regular files and
 * directories only, every path kept below the directory, each file written as {@code .part} and renamed when whole.
 */
final class TreeDownload {
    private TreeDownload() {
    }

    record Result(long files, long bytes) {
    }

    /** Only plain file entries (commons-compress calls a symbolic link a "file" too). */
    private static boolean regular(TarArchiveEntry e) {
        byte f = e.getLinkFlag();
        return (f == org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL
                || f == org.apache.commons.compress.archivers.tar.TarConstants.LF_OLDNORM
                || f == org.apache.commons.compress.archivers.tar.TarConstants.LF_CONTIG) && !e.isDirectory();
    }

    static Result unpack(InputStream stream, Path to, PrintWriter out) throws IOException {
        Path root = to.toAbsolutePath().normalize();
        long files = 0;
        long bytes = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new Progress.Counting(stream, -1, out, "downloaded"))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root) && !e.isDirectory() || e.getName().startsWith("/")) {
                    throw new CliException(ExitCodes.DATA_ERROR, "the server sent an entry outside " + root + ": " + e.getName()
                            + "; nothing more was written.");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (regular(e)) {
                    Files.createDirectories(target.getParent());
                    Path part = target.resolveSibling(target.getFileName() + ".part");
                    Files.copy(tar, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                    bytes += e.getSize();
                } else {
                    throw new CliException(ExitCodes.DATA_ERROR, "the server sent " + e.getName() + ", which is not a regular file "
                            + "or directory; nothing more was written.");
                }
            }
        }
        return new Result(files, bytes);
    }
}
