package io.ferry.export.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an ISO 9660 image with a Joliet tree, sequentially and in one pass: every file's size is
 * known up front, so the whole layout (volume descriptors, four path tables, both directory trees,
 * then file data) is computed before the first byte is written and the image streams to any
 * {@link OutputStream} (so its SHA-256 is computed on the way out).
 *
 * <p>Names: Joliet carries the real names (up to 64 UCS-2 characters); the primary tree carries
 * level-2 names (upper-case d-characters, at most 30) derived from them. A single file must stay
 * below 4 GiB ({@link #MAX_FILE}): larger content is split into parts by the caller, which keeps every
 * reader (bsdtar, isoinfo, xorriso, kernels) correct without multi-extent records.
 *
 * <p>Memory: one small node per file and directory of the image; file data is never held.
 */
public final class IsoImage {
    public static final int SECTOR = 2048;
    /** Largest file this writer accepts: 4 GiB minus one sector. */
    public static final long MAX_FILE = 0xFFFFF800L;
    private static final int FIRST_FREE_SECTOR = 19; // 16 system area, PVD, Joliet SVD, terminator

    /** Writes exactly {@code size} bytes of a file's content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final class Node {
        final String name;
        final Node parent;
        final TreeMap<String, Node> children; // null for files
        final long size;
        final Content content;
        String primaryName;
        long dataSector;
        long primarySector;
        long jolietSector;
        int primaryLength;
        int jolietLength;
        int number;

        Node(String name, Node parent, boolean dir, long size, Content content) {
            this.name = name;
            this.parent = parent;
            this.children = dir ? new TreeMap<>() : null;
            this.size = size;
            this.content = content;
        }

        boolean dir() {
            return children != null;
        }
    }

    private final String volumeId;
    private final Node root = new Node("", null, true, 0, null);
    private final byte[] recorded;
    private final String created;
    private boolean laidOut;
    private List<Node> dirs;
    private List<Node> files;
    private long pathTableSize;
    private long pathTableSector;
    private long pathTableSectors;
    private long jolietPathTableSize;
    private long jolietPathTableSector;
    private long jolietPathTableSectors;
    private long totalSectors;

    public IsoImage(String volumeId, ZonedDateTime when) {
        this.volumeId = volumeId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        ZonedDateTime utc = when.withZoneSameInstant(ZoneOffset.UTC);
        this.recorded = new byte[] {(byte) (utc.getYear() - 1900), (byte) utc.getMonthValue(), (byte) utc.getDayOfMonth(),
                (byte) utc.getHour(), (byte) utc.getMinute(), (byte) utc.getSecond(), 0};
        this.created = utc.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "00";
    }

    /** Adds a file at a slash-separated path; directories are created as needed. */
    public void add(String path, long size, Content content) {
        if (laidOut) {
            throw new IllegalStateException("image already laid out");
        }
        if (size > MAX_FILE) {
            throw new IllegalArgumentException("file larger than an ISO 9660 extent: " + path);
        }
        String[] parts = path.split("/");
        Node dir = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Node d = dir;
            dir = dir.children.computeIfAbsent(parts[i], n -> new Node(n, d, true, 0, null));
            if (!dir.dir()) {
                throw new IllegalArgumentException("a file is in the way of " + path);
            }
        }
        String name = parts[parts.length - 1];
        if (name.length() > 64 || dir.children.containsKey(name)) {
            throw new IllegalArgumentException("bad or duplicate ISO file name: " + path);
        }
        dir.children.put(name, new Node(name, dir, false, size, content));
    }

    /** The size of the image in bytes. */
    public long size() {
        layout();
        return totalSectors * SECTOR;
    }

    private void layout() {
        if (laidOut) {
            return;
        }
        laidOut = true;
        dirs = new ArrayList<>();
        files = new ArrayList<>();
        // breadth-first: the order path tables require (by level, then parent number, then name)
        dirs.add(root);
        root.number = 1;
        for (int i = 0; i < dirs.size(); i++) {
            Node d = dirs.get(i);
            assignPrimaryNames(d);
            for (Node c : sortedPrimary(d)) {
                if (c.dir()) {
                    c.number = dirs.size() + 1;
                    dirs.add(c);
                }
            }
        }
        pathTableSize = 0;
        jolietPathTableSize = 0;
        for (Node d : dirs) {
            int pl = d == root ? 1 : d.primaryName.length();
            int jl = d == root ? 1 : d.name.length() * 2;
            pathTableSize += 8 + pl + (pl % 2);
            jolietPathTableSize += 8 + jl + (jl % 2);
        }
        long sector = FIRST_FREE_SECTOR;
        pathTableSectors = sectors(pathTableSize);
        jolietPathTableSectors = sectors(jolietPathTableSize);
        pathTableSector = sector;
        sector += 2 * pathTableSectors;
        jolietPathTableSector = sector;
        sector += 2 * jolietPathTableSectors;
        for (Node d : dirs) {
            d.primaryLength = directoryLength(d, false);
            d.primarySector = sector;
            sector += d.primaryLength / SECTOR;
        }
        for (Node d : dirs) {
            d.jolietLength = directoryLength(d, true);
            d.jolietSector = sector;
            sector += d.jolietLength / SECTOR;
        }
        for (Node d : dirs) {
            for (Node c : sortedPrimary(d)) {
                if (!c.dir()) {
                    c.dataSector = sector;
                    sector += sectors(c.size);
                    files.add(c);
                }
            }
        }
        totalSectors = sector;
    }

    private static long sectors(long bytes) {
        return (bytes + SECTOR - 1) / SECTOR;
    }

    private void assignPrimaryNames(Node d) {
        Set<String> taken = new HashSet<>();
        for (Node c : d.children.values()) {
            String base = c.name.toUpperCase(Locale.ROOT);
            String ext = "";
            int dot = base.lastIndexOf('.');
            if (!c.dir() && dot > 0) {
                ext = clean(base.substring(dot + 1));
                base = base.substring(0, dot);
            }
            base = clean(base);
            if (ext.length() > 3) {
                ext = ext.substring(0, 3);
            }
            int max = c.dir() ? 31 : 30 - ext.length();
            base = base.substring(0, Math.min(base.length(), max));
            String candidate = base;
            for (int n = 1; !taken.add(candidate + "." + ext); n++) {
                String suffix = "_" + n;
                candidate = base.substring(0, Math.min(base.length(), max - suffix.length())) + suffix;
            }
            c.primaryName = c.dir() ? candidate : candidate + "." + ext + ";1";
        }
    }

    private static String clean(String s) {
        String r = s.replaceAll("[^A-Z0-9_]", "_");
        return r.isEmpty() ? "_" : r;
    }

    private static List<Node> sortedPrimary(Node d) {
        List<Node> l = new ArrayList<>(d.children.values());
        l.sort((a, b) -> a.primaryName.compareTo(b.primaryName));
        return l;
    }

    private static List<Node> sortedJoliet(Node d) {
        return new ArrayList<>(d.children.values()); // TreeMap order = UCS-2 order for these names
    }

    private static byte[] identifier(Node n, boolean joliet) {
        return joliet ? n.name.getBytes(StandardCharsets.UTF_16BE) : n.primaryName.getBytes(StandardCharsets.US_ASCII);
    }

    private static int recordLength(int idLength) {
        return 33 + idLength + (idLength % 2 == 0 ? 1 : 0);
    }

    private int directoryLength(Node d, boolean joliet) {
        int used = 2 * recordLength(1);
        for (Node c : joliet ? sortedJoliet(d) : sortedPrimary(d)) {
            int r = recordLength(identifier(c, joliet).length);
            if (used % SECTOR + r > SECTOR) {
                used += SECTOR - used % SECTOR;
            }
            used += r;
        }
        return (int) (sectors(used) * SECTOR);
    }

    /** Writes the whole image. */
    public void writeTo(OutputStream out) throws IOException {
        layout();
        out.write(new byte[16 * SECTOR]);
        out.write(volumeDescriptor(false));
        out.write(volumeDescriptor(true));
        byte[] term = new byte[SECTOR];
        term[0] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, term, 1, 5);
        term[6] = 1;
        out.write(term);
        out.write(pathTable(false, ByteOrder.LITTLE_ENDIAN, pathTableSectors));
        out.write(pathTable(false, ByteOrder.BIG_ENDIAN, pathTableSectors));
        out.write(pathTable(true, ByteOrder.LITTLE_ENDIAN, jolietPathTableSectors));
        out.write(pathTable(true, ByteOrder.BIG_ENDIAN, jolietPathTableSectors));
        for (Node d : dirs) {
            out.write(directory(d, false));
        }
        for (Node d : dirs) {
            out.write(directory(d, true));
        }
        byte[] pad = new byte[SECTOR];
        for (Node f : files) {
            CountingOutputStream counted = new CountingOutputStream(out);
            f.content.writeTo(counted);
            if (counted.count() != f.size) {
                throw new IOException("content of " + f.name + " was " + counted.count() + " bytes, expected " + f.size);
            }
            int rest = (int) (sectors(f.size) * SECTOR - f.size);
            out.write(pad, 0, rest);
        }
    }

    private byte[] volumeDescriptor(boolean joliet) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        b.put(0, (byte) (joliet ? 2 : 1));
        b.put(1, "CD001".getBytes(StandardCharsets.US_ASCII));
        b.put(6, (byte) 1);
        text(b, 8, 32, "LINUX", joliet);
        text(b, 40, 32, volumeId, joliet);
        both32(b, 80, totalSectors);
        if (joliet) {
            b.put(88, new byte[] {0x25, 0x2F, 0x45}); // UCS-2 level 3
        }
        both16(b, 120, 1);
        both16(b, 124, 1);
        both16(b, 128, SECTOR);
        long ptSize = joliet ? jolietPathTableSize : pathTableSize;
        long ptSector = joliet ? jolietPathTableSector : pathTableSector;
        long ptSectors = joliet ? jolietPathTableSectors : pathTableSectors;
        both32(b, 132, ptSize);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(140, (int) ptSector);
        b.order(ByteOrder.BIG_ENDIAN).putInt(148, (int) (ptSector + ptSectors));
        b.put(156, record(root, joliet, new byte[] {0}));
        text(b, 190, 128, "", joliet);
        text(b, 318, 128, "", joliet);
        text(b, 446, 128, "", joliet);
        text(b, 574, 128, "FERRY", joliet);
        text(b, 702, 37, "", joliet);
        text(b, 739, 37, "", joliet);
        text(b, 776, 37, "", joliet);
        date(b, 813, created);
        date(b, 830, created);
        date(b, 847, "0000000000000000");
        date(b, 864, "0000000000000000");
        b.put(881, (byte) 1);
        return b.array();
    }

    private static void text(ByteBuffer b, int off, int len, String s, boolean joliet) {
        byte[] padded = new byte[len];
        if (joliet) {
            for (int i = 0; i + 1 < len; i += 2) {
                padded[i] = 0;
                padded[i + 1] = ' ';
            }
            byte[] v = s.getBytes(StandardCharsets.UTF_16BE);
            System.arraycopy(v, 0, padded, 0, Math.min(v.length, len - len % 2));
        } else {
            java.util.Arrays.fill(padded, (byte) ' ');
            byte[] v = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(v, 0, padded, 0, Math.min(v.length, len));
        }
        b.put(off, padded);
    }

    private static void date(ByteBuffer b, int off, String digits16) {
        b.put(off, digits16.getBytes(StandardCharsets.US_ASCII));
        b.put(off + 16, (byte) 0);
    }

    private static void both32(ByteBuffer b, int off, long v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(off, (int) v);
        b.order(ByteOrder.BIG_ENDIAN).putInt(off + 4, (int) v);
    }

    private static void both16(ByteBuffer b, int off, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putShort(off, (short) v);
        b.order(ByteOrder.BIG_ENDIAN).putShort(off + 2, (short) v);
    }

    private byte[] pathTable(boolean joliet, ByteOrder order, long sectorCount) {
        ByteBuffer b = ByteBuffer.allocate((int) (sectorCount * SECTOR)).order(order);
        for (Node d : dirs) {
            byte[] id = d == root ? new byte[] {0} : identifier(d, joliet);
            b.put((byte) id.length);
            b.put((byte) 0);
            b.putInt((int) (joliet ? d.jolietSector : d.primarySector));
            b.putShort((short) (d == root ? 1 : d.parent.number));
            b.put(id);
            if (id.length % 2 == 1) {
                b.put((byte) 0);
            }
        }
        return b.array();
    }

    private byte[] directory(Node d, boolean joliet) {
        ByteBuffer b = ByteBuffer.allocate(joliet ? d.jolietLength : d.primaryLength);
        b.put(record(d, joliet, new byte[] {0}));
        b.put(record(d == root ? root : d.parent, joliet, new byte[] {1}));
        for (Node c : joliet ? sortedJoliet(d) : sortedPrimary(d)) {
            byte[] r = record(c, joliet, identifier(c, joliet));
            if (b.position() % SECTOR + r.length > SECTOR) {
                b.position(b.position() + SECTOR - b.position() % SECTOR);
            }
            b.put(r);
        }
        return b.array();
    }

    private byte[] record(Node n, boolean joliet, byte[] id) {
        int len = recordLength(id.length);
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(0, (byte) len);
        long extent = n.dir() ? (joliet ? n.jolietSector : n.primarySector) : n.dataSector;
        long size = n.dir() ? (joliet ? n.jolietLength : n.primaryLength) : n.size;
        both32(b, 2, extent);
        both32(b, 10, size);
        b.put(18, recorded);
        b.put(25, (byte) (n.dir() ? 2 : 0));
        both16(b, 28, 1);
        b.put(32, (byte) id.length);
        b.put(33, id);
        return b.array();
    }

    /** Counts what passes through, so a content callback that writes too much or too little is caught. */
    static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the image owns the stream
        }

        long count() {
            return count;
        }
    }
}
