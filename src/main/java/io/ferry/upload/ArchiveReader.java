package io.ferry.upload;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.type.ContentType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads a bulk upload's tar stream entry by entry (ustar, GNU and PAX long names) and hands each regular file to a
 * sink; directories are passed over. Every path is checked by the repository type's rules before a byte of the file
 * is stored; any other entry type (symbolic or hard link, device, FIFO, sparse file), more than {@code maxEntries}
 * files, a stream that is not tar, and a truncated entry refuse the archive.
 */
final class ArchiveReader {
    interface Sink {
        /** Stores the file at {@code relativePath}; answers its size. */
        long accept(String relativePath, InputStream body) throws IOException;
    }

    record Counts(long files, long bytes, long skippedDirectories) {
    }

    private final ContentType type;
    private final int maxEntries;

    ArchiveReader(ContentType type, int maxEntries) {
        this.type = type;
        this.maxEntries = maxEntries;
    }

    Counts read(InputStream body, long contentLength, Sink sink) throws IOException {
        long files = 0;
        long bytes = 0;
        long dirs = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(new io.ferry.content.RequestBody(body, contentLength,
                why -> ArchiveUpload.refused("the request body broke off (" + why + ")")));
        TarArchiveEntry e;
        while ((e = next(tar)) != null) {
            String name = e.getName();
            while (name.startsWith("./")) {
                name = name.substring(2);
            }
            if (e.isDirectory()) {
                dirs++;
                continue;
            }
            byte flag = e.getLinkFlag();
            boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
            if (!regular || e.isSparse() || e.isGNUSparse()) {
                throw ArchiveUpload.refused("entry '" + io.ferry.common.value.Text.printable(name) + "' is a " + kind(e)
                        + ", not a regular file");
            }
            if (++files > maxEntries) {
                throw new FerryException(ErrorCode.UPLOAD_TOO_LARGE, "The archive holds more than " + maxEntries + " files "
                        + "(ferry.uploads.archive-max-entries); nothing was added. Upload the tree in parts.", "body");
            }
            ArchiveUpload.validate(type, name);
            Counted in = new Counted(tar);
            long size = sink.accept(name, in);
            if (in.count != e.getSize() || size != e.getSize()) {
                throw ArchiveUpload.refused("entry '" + io.ferry.common.value.Text.printable(name) + "' ends after " + in.count
                        + " of its " + e.getSize() + " bytes (the stream is truncated)");
            }
            bytes += size;
        }
        if (files == 0) {
            throw ArchiveUpload.refused("it holds no files");
        }
        return new Counts(files, bytes, dirs);
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            if (e instanceof FerryException f) {
                throw f;
            }
            throw ArchiveUpload.refused("it is not a readable tar stream (" + e.getMessage() + ")");
        }
    }

    private static String kind(TarArchiveEntry e) {
        return e.isSymbolicLink() ? "symbolic link" : e.isLink() ? "hard link" : e.isCharacterDevice() || e.isBlockDevice()
                ? "device" : e.isFIFO() ? "FIFO" : e.isSparse() || e.isGNUSparse() ? "sparse file" : "special entry";
    }

    /** An entry's bytes as the sink reads them; a read error inside the entry refuses the archive. */
    private static final class Counted extends FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (FerryException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw ArchiveUpload.refused("an entry cannot be read (" + e.getMessage() + ")");
            }
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the tar stream goes on with the next entry
        }
    }
}
