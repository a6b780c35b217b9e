package io.ferry.imports.bundle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * An ISO 9660 volume read in place (no mounting): volume descriptors, then the Joliet tree when present
 * (real names) or else the primary tree. Directories are read one sector at a time, so a directory of a
 * million entries costs one sector buffer. Every record's extent must lie inside the image; multi-extent
 * files are refused (Ferry never writes them).
 */
final class IsoVolume implements Volume {
    private static final int SECTOR = 2048;
    private static final int MAX_DESCRIPTORS = 64;
    private final Path file;
    private final FileChannel ch;
    private final long imageBytes;
    private final boolean joliet;
    private final Rec root;

    /** A directory record: name (Joliet or primary, version suffix stripped), extent and flags. */
    record Rec(String name, long sector, long size, boolean dir, boolean multiExtent) {
    }

    IsoVolume(Path file) throws IOException {
        this.file = file;
        this.ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long fileSize = ch.size();
            Rec primary = null;
            Rec jol = null;
            long spaceSectors = 0;
            for (int i = 0; i < MAX_DESCRIPTORS; i++) {
                ByteBuffer d = sector(16 + i, fileSize);
                int type = d.get(0) & 0xff;
                if (!"CD001".equals(new String(d.array(), 1, 5, StandardCharsets.US_ASCII))) {
                    throw corrupt("volume descriptor " + (16 + i) + " is not an ISO 9660 descriptor");
                }
                if (type == 255) {
                    break;
                }
                if (type == 1) {
                    spaceSectors = Integer.toUnsignedLong(d.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(80));
                    primary = record(d, 156, false, true);
                } else if (type == 2 && d.get(88) == '%' && d.get(89) == '/' && (d.get(90) == '@' || d.get(90) == 'C'
                        || d.get(90) == 'E')) {
                    jol = record(d, 156, true, true);
                }
            }
            if (primary == null) {
                throw corrupt("it has no primary volume descriptor");
            }
            this.imageBytes = Math.min(fileSize, spaceSectors * SECTOR);
            this.joliet = jol != null;
            this.root = jol != null ? jol : primary;
            requireInside(root, "the root directory");
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return io.ferry.common.value.Text.printable(file.getFileName().toString());
    }

    @Override
    public Marker open(OutputStream manifest, long maxManifestBytes) throws IOException {
        Rec ferry = find(root, "ferry", true);
        Rec m = ferry == null ? null : find(ferry, "manifest.json", false);
        Rec v = ferry == null ? null : find(ferry, "volume.json", false);
        if (m == null || v == null) {
            throw BundleEntries.missingHeader(describe(), BundleEntries.MANIFEST + " and " + BundleEntries.MARKER);
        }
        if (m.size() > maxManifestBytes) {
            throw BundleEntries.manifestTooLarge(describe(), m.size(), maxManifestBytes);
        }
        try (InputStream in = body(m, BundleEntries.MANIFEST)) {
            BundleEntries.copyLimited(in, manifest, maxManifestBytes, "The manifest");
        }
        try (InputStream in = body(v, BundleEntries.MARKER)) {
            return Marker.parse(BundleEntries.readMarker(in, describe()), describe());
        }
    }

    @Override
    public void entries(EntryVisitor visitor) throws IOException {
        Rec blobs = null;
        Rec deltas = null;
        Rec parts = null;
        for (Iterator<Rec> it = list(root); it.hasNext(); ) {
            Rec r = it.next();
            switch (r.name()) {
                case "blobs" -> blobs = r;
                case "deltas" -> deltas = r;
                case "parts" -> parts = r;
                case "ferry" -> checkFerry(r, visitor);
                default -> visitor.visit(entry(r.name(), r));
            }
        }
        // blobs/<sha>, deltas/<sha> and parts/<sha>/<n> merged into bundle order (by SHA-256, then part; a delta first)
        Iterator<Rec> b = blobs == null ? java.util.Collections.emptyIterator() : list(requireDir(blobs, "blobs"));
        Iterator<Rec> d = deltas == null ? java.util.Collections.emptyIterator() : list(requireDir(deltas, "deltas"));
        Iterator<Rec> p = parts == null ? java.util.Collections.emptyIterator() : list(requireDir(parts, "parts"));
        Rec nb = b.hasNext() ? b.next() : null;
        Rec nd = d.hasNext() ? d.next() : null;
        Rec np = p.hasNext() ? p.next() : null;
        while (nb != null || nd != null || np != null) {
            boolean deltaFirst = nd != null && (nb == null || nd.name().compareTo(nb.name()) <= 0)
                    && (np == null || nd.name().compareTo(np.name()) <= 0);
            if (deltaFirst) {
                visitor.visit(entry("deltas/" + nd.name(), nd));
                nd = d.hasNext() ? d.next() : null;
            } else if (nb != null && (np == null || nb.name().compareTo(np.name()) <= 0)) {
                visitor.visit(entry("blobs/" + nb.name(), nb));
                nb = b.hasNext() ? b.next() : null;
            } else {
                if (!np.dir()) {
                    visitor.visit(entry("parts/" + np.name(), np));
                } else {
                    for (Iterator<Rec> it = list(np); it.hasNext(); ) {
                        Rec r = it.next();
                        visitor.visit(entry("parts/" + np.name() + "/" + r.name(), r));
                    }
                }
                np = p.hasNext() ? p.next() : null;
            }
        }
    }

    private void checkFerry(Rec ferry, EntryVisitor visitor) throws IOException {
        if (!ferry.dir()) {
            visitor.visit(entry("ferry", ferry));
            return;
        }
        for (Iterator<Rec> it = list(ferry); it.hasNext(); ) {
            Rec r = it.next();
            if (!r.name().equals("manifest.json") && !r.name().equals("volume.json")) {
                visitor.visit(entry("ferry/" + r.name(), r));
            }
        }
    }

    private Rec requireDir(Rec r, String name) {
        if (!r.dir()) {
            throw new FerryException(ErrorCode.IMPORT_UNSAFE_ENTRY, "Entry '" + name + "' in " + describe() + " is a file where a "
                    + "directory belongs; the bundle was not imported.", "path");
        }
        return r;
    }

    private Entry entry(String name, Rec r) {
        if (r.dir()) {
            return new Entry(name + "/", Kind.DIRECTORY, 0, null, InputStream.nullInputStream());
        }
        return new Entry(name, r.multiExtent() ? Kind.OTHER : Kind.FILE, r.size(), null, body(r, name));
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public boolean seekable() {
        return true;
    }

    private Rec find(Rec dir, String name, boolean wantDir) {
        if (!dir.dir()) {
            return null;
        }
        for (Iterator<Rec> it = list(dir); it.hasNext(); ) {
            Rec r = it.next();
            if (r.name().equals(name)) {
                return r.dir() == wantDir ? r : null;
            }
        }
        return null;
    }

    /** The records of a directory, read lazily sector by sector, without "." and "..". */
    Iterator<Rec> list(Rec dir) {
        requireInside(dir, "directory '" + dir.name() + "'");
        return new Iterator<>() {
            private long offset;
            private ByteBuffer buf;
            private int pos = SECTOR;
            private Rec next = advance();

            private Rec advance() {
                while (offset < dir.size() || (buf != null && pos < SECTOR)) {
                    if (buf == null || pos >= SECTOR) {
                        if (offset >= dir.size()) {
                            return null;
                        }
                        buf = sectorAt(dir.sector() * SECTOR + offset);
                        offset += SECTOR;
                        pos = 0;
                    }
                    int len = buf.get(pos) & 0xff;
                    if (len == 0) {
                        pos = SECTOR; // records never cross a sector: the rest is padding
                        continue;
                    }
                    if (len < 34 || pos + len > SECTOR) {
                        throw corrupt("a directory record in '" + dir.name() + "' is malformed");
                    }
                    Rec r = record(buf, pos, joliet, false);
                    pos += len;
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Rec next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Rec r = next;
                next = advance();
                return r;
            }
        };
    }

    /** Parses the record at {@code pos}; null for "." and ".." (the root record of a descriptor is named ""). */
    private Rec record(ByteBuffer b, int pos, boolean jolietNames, boolean descriptorRoot) {
        ByteBuffer le = b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long sector = Integer.toUnsignedLong(le.getInt(pos + 2));
        long size = Integer.toUnsignedLong(le.getInt(pos + 10));
        int flags = b.get(pos + 25) & 0xff;
        int nameLen = b.get(pos + 32) & 0xff;
        if (nameLen == 0 || 33 + nameLen > (b.get(pos) & 0xff)) {
            throw corrupt("a directory record's name runs past the record");
        }
        if (nameLen == 1 && (b.get(pos + 33) == 0 || b.get(pos + 33) == 1)) {
            return descriptorRoot ? new Rec("", sector, size, true, false) : null;
        }
        byte[] raw = new byte[nameLen];
        b.get(pos + 33, raw);
        String name = jolietNames ? new String(raw, StandardCharsets.UTF_16BE) : new String(raw, StandardCharsets.ISO_8859_1);
        int semi = name.lastIndexOf(';');
        if (semi >= 0) {
            name = name.substring(0, semi);
        }
        if (!jolietNames) {
            name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            name = name.toLowerCase(Locale.ROOT);
        }
        return new Rec(name, sector, size, (flags & 0x02) != 0, (flags & 0x80) != 0);
    }

    private void requireInside(Rec r, String what) {
        if (r.sector() < 16 && r.size() > 0 || r.sector() * SECTOR + r.size() > imageBytes) {
            throw corrupt("the record of " + what + " points outside the image (sector " + r.sector() + ", " + r.size()
                    + " bytes; the image has " + imageBytes + " bytes)");
        }
    }

    private InputStream body(Rec r, String name) {
        requireInside(r, "'" + name + "'");
        long start = r.sector() * SECTOR;
        long end = start + r.size();
        return new InputStream() {
            private long pos = start;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= end) {
                    return -1;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
                if (n < 0) {
                    throw corrupt("'" + name + "' ends early: the image is truncated");
                }
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long k = Math.min(n, end - pos);
                pos += k;
                return k;
            }
        };
    }

    private ByteBuffer sector(long n, long fileSize) throws IOException {
        if ((n + 1) * SECTOR > fileSize) {
            throw corrupt("it ends before its volume descriptors end (" + fileSize + " bytes)");
        }
        return sectorAt(n * SECTOR);
    }

    private ByteBuffer sectorAt(long offset) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        try {
            while (b.hasRemaining()) {
                if (ch.read(b, offset + b.position()) < 0) {
                    throw corrupt("a directory lies past the end of the file");
                }
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Volume " + describe() + " cannot be read: " + e.getMessage(), e);
        }
        return b;
    }

    private FerryException corrupt(String why) {
        return new FerryException(ErrorCode.IMPORT_CORRUPT, "Volume " + describe() + " is not a usable ISO image: " + why
                + ". Copy it again from the source and check it against volumes.json.", "path");
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
