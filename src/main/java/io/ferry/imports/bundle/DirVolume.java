package io.ferry.imports.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A bundle volume as a directory tree: a {@code dir} export, or a copied or mounted ISO volume. Nothing
 * is followed: links are reported as links. Entries come in directory order (not bundle order); the
 * caller checks each against the manifest's index, and a directory cannot hold a name twice.
 */
final class DirVolume implements Volume {
    private final Path dir;

    DirVolume(Path dir) {
        this.dir = dir;
    }

    @Override
    public String describe() {
        return io.ferry.common.value.Text.printable(dir.toString());
    }

    @Override
    public Marker open(OutputStream manifest, long maxManifestBytes) throws IOException {
        Path m = dir.resolve(BundleEntries.MANIFEST);
        Path v = dir.resolve(BundleEntries.MARKER);
        if (!regular(m) || !regular(v)) {
            throw BundleEntries.missingHeader(describe(), BundleEntries.MANIFEST + " and " + BundleEntries.MARKER
                    + " as regular files");
        }
        long size = Files.size(m);
        if (size > maxManifestBytes) {
            throw BundleEntries.manifestTooLarge(describe(), size, maxManifestBytes);
        }
        try (InputStream in = Files.newInputStream(m, LinkOption.NOFOLLOW_LINKS)) {
            BundleEntries.copyLimited(in, manifest, maxManifestBytes, "The manifest");
        }
        try (InputStream in = Files.newInputStream(v, LinkOption.NOFOLLOW_LINKS)) {
            return Marker.parse(BundleEntries.readMarker(in, describe()), describe());
        }
    }

    @Override
    public void entries(EntryVisitor visitor) throws IOException {
        try (DirectoryStream<Path> top = Files.newDirectoryStream(dir)) {
            for (Path p : top) {
                String name = p.getFileName().toString();
                BasicFileAttributes a = attrs(p);
                if (name.equals("ferry") && a.isDirectory()) {
                    walkFerry(p, visitor);
                } else if ((name.equals("blobs") || name.equals("parts") || name.equals("deltas")) && a.isDirectory()) {
                    walk(p, name, visitor, name.equals("parts"));
                } else if (!isVolumeSidecar(name)) {
                    visitor.visit(entry(p, name, a));
                }
            }
        }
    }

    /** Files a {@code dir} export may have beside the bundle itself. */
    private static boolean isVolumeSidecar(String name) {
        return name.equals("manifest.json") || name.equals("volumes.json") || name.equals("SHA256SUMS");
    }

    private void walkFerry(Path ferry, EntryVisitor visitor) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(ferry)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (!name.equals("manifest.json") && !name.equals("volume.json")) {
                    visitor.visit(entry(p, "ferry/" + name, attrs(p)));
                }
            }
        }
    }

    private void walk(Path d, String prefix, EntryVisitor visitor, boolean nested) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path p : s) {
                String name = prefix + "/" + p.getFileName();
                BasicFileAttributes a = attrs(p);
                if (nested && a.isDirectory()) {
                    walk(p, name, visitor, false);
                } else {
                    visitor.visit(entry(p, name, a));
                }
            }
        }
    }

    private static Entry entry(Path p, String name, BasicFileAttributes a) throws IOException {
        if (a.isSymbolicLink()) {
            return new Entry(name, Kind.SYMLINK, 0, Files.readSymbolicLink(p).toString(), InputStream.nullInputStream());
        }
        if (a.isDirectory()) {
            return new Entry(name + "/", Kind.DIRECTORY, 0, null, InputStream.nullInputStream());
        }
        if (!a.isRegularFile()) {
            return new Entry(name, Kind.DEVICE, 0, null, InputStream.nullInputStream());
        }
        return new Entry(name, Kind.FILE, a.size(), null, new LazyFile(p));
    }

    private static BasicFileAttributes attrs(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean regular(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean ordered() {
        return false;
    }

    @Override
    public boolean seekable() {
        return true;
    }

    @Override
    public void close() {
    }

    /** Opens the file on first read, so entries passed over are never opened. */
    private static final class LazyFile extends InputStream {
        private final Path path;
        private InputStream in;

        LazyFile(Path path) {
            this.path = path;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
