package io.ferry.imports.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One volume of a bundle, read in place: a tar.gz stream, an ISO image or a directory tree. It first
 * yields its manifest and marker ({@link #open}), then its blob and part entries ({@link #entries}).
 * Implementations report what they find, links and devices included; the caller decides what is allowed.
 */
public interface Volume extends Closeable {
    /** The volume's file or directory, for messages. */
    String describe();

    /**
     * Copies {@code ferry/manifest.json} to {@code manifest} (refusing one larger than {@code maxManifestBytes}
     * before reading it) and returns the parsed {@code ferry/volume.json}.
     */
    Marker open(OutputStream manifest, long maxManifestBytes) throws IOException;

    /** The entries after manifest and marker. {@link #ordered()} volumes give them in bundle order. */
    void entries(EntryVisitor visitor) throws IOException;

    /** Whether entries come in bundle order (tar, ISO), so duplicates show up as out-of-order names. */
    boolean ordered();

    /** Whether an entry can be passed over without reading it (ISO, directory), so blobs already stored cost nothing. */
    boolean seekable();

    enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE, OTHER }

    /** An entry; {@code body} reads exactly its bytes and is only valid during the visit. */
    record Entry(String name, Kind kind, long size, String linkTarget, InputStream body) {
    }

    @FunctionalInterface
    interface EntryVisitor {
        void visit(Entry entry) throws IOException;
    }
}
