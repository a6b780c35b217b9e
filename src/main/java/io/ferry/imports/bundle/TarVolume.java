package io.ferry.imports.bundle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A tar.gz volume, read as one stream: never extracted, never seeked. */
final class TarVolume implements Volume {
    private static final int BUFFER = 1 << 20;
    private final Path file;
    private final InputStream raw;
    private final TarArchiveInputStream tar;

    TarVolume(Path file) throws IOException {
        this.file = file;
        this.raw = Arrivals.open(file);
        try {
            this.tar = new TarArchiveInputStream(new GZIPInputStream(raw, BUFFER));
        } catch (IOException e) {
            raw.close();
            throw corrupt(file.getFileName().toString(), e);
        }
    }

    @Override
    public String describe() {
        return io.ferry.common.value.Text.printable(file.getFileName().toString());
    }

    @Override
    public Marker open(OutputStream manifest, long maxManifestBytes) throws IOException {
        TarArchiveEntry m = next();
        if (m == null || !BundleEntries.MANIFEST.equals(m.getName()) || !m.isFile()) {
            throw BundleEntries.missingHeader(describe(), BundleEntries.MANIFEST);
        }
        if (m.getSize() > maxManifestBytes) {
            throw BundleEntries.manifestTooLarge(describe(), m.getSize(), maxManifestBytes);
        }
        long copied = read(() -> BundleEntries.copyLimited(tar, manifest, maxManifestBytes, "The manifest"));
        if (copied != m.getSize()) {
            throw corrupt(describe(), new IOException("the manifest ends early"));
        }
        TarArchiveEntry v = next();
        if (v == null || !BundleEntries.MARKER.equals(v.getName()) || !v.isFile()) {
            throw BundleEntries.missingHeader(describe(), BundleEntries.MANIFEST + " and " + BundleEntries.MARKER);
        }
        return Marker.parse(read(() -> BundleEntries.readMarker(tar, describe())), describe());
    }

    @Override
    public void entries(EntryVisitor visitor) throws IOException {
        TarArchiveEntry e;
        while ((e = next()) != null) {
            Kind kind = e.isSymbolicLink() ? Kind.SYMLINK : e.isLink() ? Kind.HARDLINK
                    : e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO() ? Kind.DEVICE
                    : e.isDirectory() ? Kind.DIRECTORY : e.isFile() ? Kind.FILE : Kind.OTHER;
            visitor.visit(new Entry(e.getName(), kind, e.getSize(), e.getLinkName(), new Guarded(tar, describe())));
        }
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public boolean seekable() {
        return false;
    }

    private TarArchiveEntry next() {
        return read(tar::getNextEntry);
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private <T> T read(IoCall<T> call) {
        try {
            return call.call();
        } catch (FerryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(describe(), e);
        }
    }

    static FerryException corrupt(String volume, Exception e) {
        return new FerryException(ErrorCode.IMPORT_CORRUPT, "Volume " + volume + " cannot be read: " + e.getMessage()
                + ". It is truncated or damaged; copy it again from the source and check it against volumes.json.", e);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** An entry's bytes; read errors (a truncated or damaged stream) become {@code FERRY-IMPORT-009}. */
    private static final class Guarded extends InputStream {
        private final InputStream in;
        private final String volume;

        Guarded(InputStream in, String volume) {
            this.in = in;
            this.volume = volume;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw corrupt(volume, e);
            }
        }
    }
}
