package io.ferry.imports.bundle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names inside a bundle: what is safe, what is a blob or a part. */
public final class BundleEntries {
    public static final String MANIFEST = "ferry/manifest.json";
    public static final String MARKER = "ferry/volume.json";
    /** The manifest's detached signature as a file (for openssl); the marker carries the same bytes. */
    public static final String SIGNATURE = "ferry/manifest.json.p7s";
    private static final Pattern BLOB = Pattern.compile("blobs/([0-9a-f]{64})");
    private static final Pattern PART = Pattern.compile("parts/([0-9a-f]{64})/([0-9]{5})");
    private static final Pattern DELTA = Pattern.compile("deltas/([0-9a-f]{64})");
    /** The part number of a blob carried as a delta ({@code deltas/<sha256>}). */
    public static final int DELTA_PART = -1;
    private static final int MAX_NAME = 1024;

    private BundleEntries() {
    }

    /** A blob ({@code part == 0}), a part of a split blob, or a blob's delta ({@link #DELTA_PART}). */
    public record Ref(String sha256, int part) implements Comparable<Ref> {
        @Override
        public int compareTo(Ref o) {
            int c = sha256.compareTo(o.sha256);
            return c != 0 ? c : Integer.compare(part, o.part);
        }
    }

    /** Refuses absolute, {@code ..}, empty-segment, backslash and control-character names (before anything else). */
    public static void requireSafeName(String name, String volume) {
        boolean bad = name.isEmpty() || name.length() > MAX_NAME || name.startsWith("/") || name.contains("\\")
                || name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
        if (!bad) {
            String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name; // a directory entry
            for (String seg : path.split("/", -1)) {
                if (seg.isEmpty() || seg.equals("..") || seg.equals(".")) {
                    bad = true;
                    break;
                }
            }
        }
        if (bad) {
            throw new FerryException(ErrorCode.IMPORT_UNSAFE_ENTRY, "Entry '" + Text.printable(name) + "' in " + volume + " has an unsafe "
                    + "path (absolute, '..', or control characters); the bundle was not imported. Bundles written by Ferry never "
                    + "hold such entries: the volume was altered or is not a Ferry bundle; copy it again from the source server.", "path");
        }
    }

    /** Refuses anything but a regular file, naming what it is. */
    public static void requireFile(Volume.Entry e, String volume) {
        if (e.kind() == Volume.Kind.FILE) {
            return;
        }
        String what = switch (e.kind()) {
            case SYMLINK -> "a symbolic link to '" + Text.printable(e.linkTarget()) + "'";
            case HARDLINK -> "a hard link to '" + Text.printable(e.linkTarget()) + "'";
            case DEVICE -> "a device file";
            case DIRECTORY -> "a directory";
            default -> "not a regular file";
        };
        throw new FerryException(ErrorCode.IMPORT_UNSAFE_ENTRY, "Entry '" + Text.printable(e.name()) + "' in " + volume + " is " + what
                + "; bundles hold regular files only. The bundle was not imported.", "path");
    }

    /** The blob or part an entry name denotes, or null. */
    public static Ref parse(String name) {
        Matcher m = BLOB.matcher(name);
        if (m.matches()) {
            return new Ref(m.group(1), 0);
        }
        m = DELTA.matcher(name);
        if (m.matches()) {
            return new Ref(m.group(1), DELTA_PART);
        }
        m = PART.matcher(name);
        if (m.matches()) {
            int part = Integer.parseInt(m.group(2));
            return part == 0 ? null : new Ref(m.group(1), part);
        }
        return null;
    }

    /** Copies at most {@code limit} bytes; refuses a longer stream. */
    static long copyLimited(InputStream in, OutputStream out, long limit, String what) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > limit) {
                throw new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, what + " is larger than " + limit + " bytes.", "path");
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    static byte[] readMarker(InputStream in, String volume) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try {
            copyLimited(in, b, Marker.MAX_BYTES, "ferry/volume.json in " + volume);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, e.getMessage(), "path");
        }
        return b.toByteArray();
    }

    static FerryException manifestTooLarge(String volume, long size, long limit) {
        return new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "The manifest in " + volume + " is " + size + " bytes, more than "
                + "ferry.import.max-manifest-bytes (" + limit + "). Raise the setting if the bundle is genuine.", "path");
    }

    static FerryException missingHeader(String volume, String what) {
        return new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, volume + " does not start with " + what
                + ": it is not a Ferry bundle volume, or it is damaged.", "path");
    }
}
