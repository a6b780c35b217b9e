package io.ferry.imports.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Label;
import io.ferry.common.value.Text;
import io.ferry.export.media.HashingOutputStream;
import io.ferry.storage.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * A bundle at a location, opened in stages so a check can report each one: {@link #locate} finds the
 * volume files, {@link #readMarkers} reads every volume's marker and hashes its manifest (keeping one
 * copy), {@link #scan} checks the manifest, {@link #requireAllVolumes} and {@link #verifyVolumeChecksums}
 * check presence and digests. Only the manifest copy and its index use temporary space.
 */
public final class Bundle implements Closeable {
    private static final long MAX_SIDECAR = 16L << 20;
    /** volumes.json is read whole (at most {@value #MAX_SIDECAR} bytes), under the manifest parser's string and depth limits. */
    private static final ObjectMapper SIDECAR = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(8)
                    .maxStringLength(4096).build()).build());

    /** A volume file or directory found at the location. */
    public record Located(Path path, String kind) {
        /** The file name as it may be shown (escaped: names on media are foreign input). */
        public String name() {
            return Text.printable(path.getFileName().toString());
        }
    }

    /** An entry of {@code volumes.json}. */
    public record Listed(int number, String name, long size, String sha256) {
    }

    private final Path location;
    private final List<Located> candidates;
    private final Map<Integer, Located> volumes = new TreeMap<>();
    private Marker marker;
    private String kind;
    private Path manifestCopy;
    private Manifest manifest;
    private Map<Integer, Listed> listed;
    /** The export {@code volumes.json} names (volume fields unused), or null without one. */
    private Marker sidecar;

    private Bundle(Path location, List<Located> candidates) {
        this.location = location;
        this.candidates = candidates;
    }

    /** Finds volumes: a file, a {@code dir} bundle, or a directory of tar.gz/ISO files and copied ISO trees. */
    public static Bundle locate(Path location) {
        List<Located> found = new ArrayList<>();
        try {
            if (Files.isRegularFile(location, LinkOption.NOFOLLOW_LINKS)) {
                found.add(new Located(location, sniff(location)));
            } else if (Files.isDirectory(location, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isRegularFile(location.resolve(BundleEntries.MARKER), LinkOption.NOFOLLOW_LINKS)) {
                    found.add(new Located(location, "dir"));
                } else {
                    try (DirectoryStream<Path> s = Files.newDirectoryStream(location)) {
                        for (Path p : s) {
                            String n = p.getFileName().toString();
                            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && (n.endsWith(".tar.gz") || n.endsWith(".tgz")
                                    || n.endsWith(".iso"))) {
                                found.add(new Located(p, n.endsWith(".iso") ? "iso" : "tgz"));
                            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                                    && Files.isRegularFile(p.resolve(BundleEntries.MARKER), LinkOption.NOFOLLOW_LINKS)) {
                                found.add(new Located(p, "dir"));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IMPORT_PATH_NOT_ALLOWED, "Cannot read " + location + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new FerryException(ErrorCode.IMPORT_PATH_NOT_ALLOWED, location + " holds no bundle volume: give a directory "
                    + "exported as dir, a .tar.gz or .iso volume, or a directory holding such volumes (or copied ISO volume trees).",
                    "path");
        }
        found.sort(java.util.Comparator.comparing(l -> l.path().toString()));
        return new Bundle(location, found);
    }

    private static String sniff(Path file) throws IOException {
        String n = file.getFileName().toString();
        if (n.endsWith(".iso")) {
            return "iso";
        }
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return "tgz";
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(2);
            ch.read(b, 0);
            if (b.get(0) == (byte) 0x1f && b.get(1) == (byte) 0x8b) {
                return "tgz";
            }
            b = ByteBuffer.allocate(5);
            ch.read(b, 32769);
            return "CD001".equals(new String(b.array(), java.nio.charset.StandardCharsets.US_ASCII)) ? "iso" : "tgz";
        }
    }

    public Path location() {
        return location;
    }

    public List<Located> candidates() {
        return candidates;
    }

    public Marker marker() {
        return marker;
    }

    /** {@code dir}, {@code tgz} or {@code iso} (mixed when copied ISO trees sit beside ISO files). */
    public String kind() {
        return kind;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Map<Integer, Located> volumes() {
        return volumes;
    }

    public boolean hasVolumeList() {
        return listed != null;
    }

    /**
     * Reads every candidate's marker and hashes its manifest against the digest the marker records (a
     * manifest edited after export fails here). All volumes must belong to one export: the one
     * {@code volumes.json} names, else the first volume's.
     */
    public void readMarkers(Limits limits, BlobStore store) {
        readVolumeList();
        for (Located c : candidates) {
            Path copy = manifestCopy == null ? store.newTempFile("import-manifest-") : null;
            Marker m;
            String sha;
            try (Volume v = open(c); OutputStream sink = copy == null ? OutputStream.nullOutputStream()
                    : Files.newOutputStream(copy); ManifestGuard guard = new ManifestGuard(sink, c.name());
                 HashingOutputStream h = new HashingOutputStream(guard)) {
                m = v.open(h, limits.maxManifestBytes());
                h.flush();
                guard.finish();
                sha = h.sha256();
            } catch (IOException e) {
                deleteQuietly(copy);
                throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Volume " + c.name() + " cannot be read: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                deleteQuietly(copy);
                throw e;
            }
            if (!sha.equals(m.manifestSha256())) {
                deleteQuietly(copy);
                throw new FerryException(ErrorCode.IMPORT_VOLUME_FOREIGN, "The manifest in " + c.name() + " hashes to " + sha
                        + " but its volume marker records " + m.manifestSha256() + ": the manifest was changed after export. "
                        + "Nothing was imported; copy the volume again from the source.", "path");
            }
            Marker expected = marker != null ? marker : sidecar;
            if (expected != null && !expected.sameExport(m)) {
                deleteQuietly(copy);
                throw new FerryException(ErrorCode.IMPORT_VOLUME_FOREIGN, "Volume " + c.name() + " belongs to export " + m.exportId()
                        + " of server " + m.sourceServerId() + " (manifest " + m.manifestSha256().substring(0, 12) + "…), not to export "
                        + expected.exportId() + " of server " + expected.sourceServerId() + " (manifest "
                        + expected.manifestSha256().substring(0, 12) + "…) like the others. Move it out of " + location + ".", "path");
            }
            Located other = volumes.putIfAbsent(m.volume(), c);
            if (other != null) {
                deleteQuietly(copy);
                throw new FerryException(ErrorCode.IMPORT_VOLUME_FOREIGN, "Both " + other.name() + " and " + c.name() + " are volume "
                        + m.volume() + " of export " + m.exportId() + "; keep one of them.", "path");
            }
            if (copy != null) {
                manifestCopy = copy;
                marker = m;
            }
            kind = kind == null ? c.kind() : kind.equals(c.kind()) ? kind : "mixed";
        }
    }

    /** Reads {@code volumes.json} beside the volumes, if there is one. */
    private void readVolumeList() {
        Path dir = Files.isDirectory(location) ? location : location.getParent();
        Path f = dir == null ? null : dir.resolve("volumes.json");
        if (f == null || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.size(f) > MAX_SIDECAR) {
                throw new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "volumes.json is larger than " + MAX_SIDECAR + " bytes.",
                        "path");
            }
            JsonNode n = SIDECAR.readTree(f.toFile());
            if (!"ferry-volumes".equals(n.path("format").asText())) {
                throw new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "volumes.json in " + dir + " is not a Ferry volume "
                        + "list; remove it or copy the right one.", "path");
            }
            listed = new TreeMap<>();
            int count = n.path("volumes").size();
            if (count > 0 && io.ferry.common.value.Sha256.isValid(n.path("manifestSha256").asText(""))) {
                sidecar = new Marker(n.path("exportId").asLong(), n.path("sourceServerId").asText(), n.path("manifestSha256")
                        .asText(), 1, count, null, null);
            }
            int i = 0;
            for (JsonNode v : n.path("volumes")) {
                String name = v.path("name").asText();
                if (!Label.isValid(name)) {
                    throw BundleValues.refused("volumes.json volumes[" + i + "].name", "'" + Text.printable(name) + "' is not a "
                            + "plain file name (1-128 of A-Z a-z 0-9 . _ -).");
                }
                listed.put(v.path("number").asInt(), new Listed(v.path("number").asInt(), name, v.path("size").asLong(),
                        v.path("sha256").asText()));
                i++;
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "volumes.json in " + dir + " is not valid JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Checks the manifest once (every value under the API's rules, {@code types} the known content types) and indexes its blobs. */
    public void scan(Limits limits, BlobStore store, java.util.function.Function<String, io.ferry.content.type.ContentType> types) {
        manifest = Manifest.scan(manifestCopy, marker.manifestSha256(), marker.volumes(), limits, store.tempDir(), types);
    }

    /** Names every volume the manifest lists that is not at the location. */
    public void requireAllVolumes() {
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= marker.volumes(); i++) {
            if (!volumes.containsKey(i)) {
                missing.add(volumeLabel(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.IMPORT_VOLUME_MISSING, (missing.size() == 1 ? "Volume " : "Volumes ")
                    + String.join(", ", missing) + " of export " + marker.exportId() + " (" + marker.volumes() + " volumes) "
                    + (missing.size() == 1 ? "is" : "are") + " not in " + location + ". Copy " + (missing.size() == 1 ? "it" : "them")
                    + " there and run the import again; nothing was imported.", "path");
        }
    }

    /** "2 (ferry-export-9-002.iso)". */
    public String volumeLabel(int n) {
        String name = manifest != null ? manifest.volumeName(n) : null;
        if (name == null && listed != null && listed.containsKey(n)) {
            name = listed.get(n).name();
        }
        return n + (name == null ? "" : " (" + name + ")");
    }

    /** Hashes each volume file against {@code volumes.json}; returns how many were checked (0 without a list). */
    public int verifyVolumeChecksums(LongConsumer progress) {
        if (listed == null) {
            return 0;
        }
        int n = 0;
        for (Map.Entry<Integer, Located> e : volumes.entrySet()) {
            Listed l = listed.get(e.getKey());
            Located v = e.getValue();
            if (l == null || v.kind().equals("dir")) {
                continue;
            }
            String actual = sha256(v.path(), progress);
            if (!actual.equals(l.sha256())) {
                throw new FerryException(ErrorCode.IMPORT_CHECKSUM_MISMATCH, "Volume " + v.name() + " hashes to " + actual
                        + " but volumes.json records " + l.sha256() + " for volume " + e.getKey() + ": it was damaged in transit "
                        + "or altered. Copy it again from the source; nothing was imported.", "path");
            }
            n++;
        }
        return n;
    }

    private static String sha256(Path file, LongConsumer progress) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = BlobStore.sha256();
            byte[] buf = new byte[1 << 20];
            int k;
            while ((k = in.read(buf)) >= 0) {
                md.update(buf, 0, k);
                progress.accept(k);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens volume {@code n} for reading its entries (after its manifest and marker). */
    public Volume openVolume(int n) throws IOException {
        Volume v = open(volumes.get(n));
        v.open(OutputStream.nullOutputStream(), Long.MAX_VALUE);
        return v;
    }

    private static Volume open(Located c) throws IOException {
        return switch (c.kind()) {
            case "iso" -> new IsoVolume(c.path());
            case "dir" -> new DirVolume(c.path());
            default -> new TarVolume(c.path());
        };
    }

    @Override
    public void close() {
        try {
            if (manifest != null) {
                manifest.close();
            }
        } catch (IOException ignored) {
            // temp index files; the store's temp cleanup removes leftovers
        }
        deleteQuietly(manifestCopy);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
