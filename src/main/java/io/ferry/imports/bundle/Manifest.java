package io.ferry.imports.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.type.RelativePaths;
import io.ferry.content.type.UnitDraft;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bundle's manifest, read as a stream (never as a tree): {@link #scan} checks the whole document once
 * (format version first, every limit, blob order and part layout) and builds the {@link BundleIndex};
 * {@link #forEachRepository} and {@link #forEachUnit} stream it again. Memory holds the header, one
 * small object per repository and per volume, never the units or blobs.
 */
public final class Manifest implements Closeable {
    public static final String FORMAT = "ferry-export";
    public static final int FORMAT_VERSION = 1;
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final int SMALL_OBJECT_TOKENS = 4096;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20)
                    .maxNumberLength(40).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** One repository of the manifest, without its units. */
    public record Repo(String productLabel, String productName, String productDescription, String label, String name,
                       String description, String contentType, int version, long unitCount, long totalSize) {
        public String path() {
            return productLabel + "/" + label;
        }
    }

    @FunctionalInterface
    public interface RepoVisitor {
        void visit(Repo repo, Iterator<UnitDraft> units) throws IOException;
    }

    @FunctionalInterface
    public interface UnitVisitor {
        void visit(Repo repo, UnitDraft unit) throws IOException;
    }

    private final Path file;
    private final String sha256;
    private final ManifestHeader header;
    private final List<Repo> repositories;
    private final long units;
    private final long carriedBytes;
    private final long largestBlob;
    private final long[] entriesPerVolume;
    private final String[] volumeNames;
    private final BundleIndex index;

    private Manifest(Path file, String sha256, ManifestHeader header, List<Repo> repositories, long units, long carriedBytes,
                     long largestBlob, long[] entriesPerVolume, String[] volumeNames, BundleIndex index) {
        this.file = file;
        this.sha256 = sha256;
        this.header = header;
        this.repositories = repositories;
        this.units = units;
        this.carriedBytes = carriedBytes;
        this.largestBlob = largestBlob;
        this.entriesPerVolume = entriesPerVolume;
        this.volumeNames = volumeNames;
        this.index = index;
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public ManifestHeader header() {
        return header;
    }

    public List<Repo> repositories() {
        return repositories;
    }

    public long units() {
        return units;
    }

    public long blobs() {
        return index.blobCount();
    }

    public long carriedBytes() {
        return carriedBytes;
    }

    public long largestBlob() {
        return largestBlob;
    }

    public int volumes() {
        return volumeNames.length;
    }

    /** Blob and part entries the manifest places in volume {@code n} (1-based). */
    public long entriesIn(int n) {
        return entriesPerVolume[n - 1];
    }

    /** The volume's file name as exported ({@code null} for a {@code dir} bundle). */
    public String volumeName(int n) {
        return volumeNames[n - 1];
    }

    public BundleIndex index() {
        return index;
    }

    @Override
    public void close() throws IOException {
        index.close();
    }

    /** Checks the whole manifest once and indexes its blobs; {@code volumes} is the count the volume markers give. */
    public static Manifest scan(Path file, String sha256, int volumes, Limits limits, Path workDir) {
        try (JsonParser p = JSON.createParser(file.toFile()); BundleIndex.Builder ix = new BundleIndex.Builder(workDir)) {
            Scan s = new Scan(p, volumes, limits, ix);
            s.document();
            BundleIndex index = ix.build();
            return new Manifest(file, sha256, s.header, s.repos, s.units, s.carriedBytes, s.largest, s.entries, s.names, index);
        } catch (FerryException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw invalid("it is not valid JSON or breaks a parser limit: " + e.getOriginalMessage() + " at "
                    + e.getLocation().offsetDescription());
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot read the manifest copy " + file + ": " + e.getMessage(), e);
        }
    }

    /** Streams every repository with its units, in manifest order. */
    public void forEachRepository(RepoVisitor visitor) throws IOException {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            Cursor c = new Cursor(p);
            c.toField("repositories");
            expect(p.nextToken(), JsonToken.START_ARRAY, "repositories");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Repo r = c.repoHeader();
                UnitIterator it = new UnitIterator(c, r);
                visitor.visit(r, it);
                while (it.hasNext()) {
                    it.next();
                }
                c.finishObject();
            }
        }
    }

    /** Streams every unit with its repository. */
    public void forEachUnit(UnitVisitor visitor) throws IOException {
        forEachRepository((repo, units) -> {
            while (units.hasNext()) {
                visitor.visit(repo, units.next());
            }
        });
    }

    static FerryException invalid(String why) {
        return new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "The manifest is unusable: " + why + ". The bundle was not "
                + "imported; it is damaged or was not written by Ferry: copy it again from the source server.", "path");
    }

    private static void expect(JsonToken actual, JsonToken wanted, String where) {
        if (actual != wanted) {
            throw invalid("'" + where + "' should be " + describe(wanted) + " but is " + describe(actual));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "missing (the document ends)";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name().toLowerCase() : "'" + t.asString() + "'";
        };
    }

    /** Shared token reading of both the scan and the later passes. */
    private static class Cursor {
        final JsonParser p;

        Cursor(JsonParser p) {
            this.p = p;
        }

        /** Moves to the value of a top-level field, skipping the others. */
        void toField(String name) throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "manifest");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals(name)) {
                    return;
                }
                p.nextToken();
                p.skipChildren();
            }
            throw invalid("it has no '" + name + "'");
        }

        String string(String where, boolean nullable) throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL && nullable) {
                return null;
            }
            expect(t, JsonToken.VALUE_STRING, where);
            return p.getText();
        }

        long number(String where, long min, long max) throws IOException {
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, where);
            long v = p.getLongValue();
            if (v < min || v > max) {
                throw invalid("'" + where + "' is " + v + ", outside " + min + ".." + max);
            }
            return v;
        }

        /** Reads a small JSON value (bounded token count) into plain maps, lists and scalars. */
        Object small(String where) throws IOException {
            int[] budget = {SMALL_OBJECT_TOKENS};
            return small(p.nextToken(), where, budget);
        }

        /** Reads the value starting at token {@code t}, spending one of {@code budget} per token. */
        Object small(JsonToken t, String where, int[] budget) throws IOException {
            if (--budget[0] < 0) {
                throw invalid("'" + where + "' is larger than a manifest header field can be");
            }
            if (t == null) {
                throw invalid("it ends inside '" + where + "'");
            }
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        m.put(k, small(p.nextToken(), where + "." + k, budget));
                    }
                    return m;
                }
                case START_ARRAY -> {
                    List<Object> l = new ArrayList<>();
                    JsonToken n;
                    while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                        l.add(small(n, where, budget));
                    }
                    return l;
                }
                case VALUE_STRING -> {
                    return p.getText();
                }
                case VALUE_NUMBER_INT -> {
                    return p.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    return p.getDoubleValue();
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return t == JsonToken.VALUE_TRUE;
                }
                case VALUE_NULL -> {
                    return null;
                }
                default -> throw invalid("unexpected " + t + " in '" + where + "'");
            }
        }

        /** Reads a repository's fields up to its {@code units} array (positioned after START_OBJECT). */
        Repo repoHeader() throws IOException {
            Map<String, Object> f = new LinkedHashMap<>();
            while (true) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.FIELD_NAME) {
                    throw invalid("a repository has no 'units' array");
                }
                String name = p.currentName();
                if (name.equals("units")) {
                    expect(p.nextToken(), JsonToken.START_ARRAY, "repositories[].units");
                    break;
                }
                f.put(name, small("repositories[]." + name));
            }
            Map<?, ?> product = f.get("product") instanceof Map<?, ?> m ? m : Map.of();
            String label = str(f.get("label"));
            String productLabel = str(product.get("label"));
            String type = str(f.get("contentType"));
            if (label == null || productLabel == null || type == null || label.isBlank() || productLabel.isBlank()) {
                throw invalid("a repository lacks its label, product label or contentType before its units");
            }
            return new Repo(productLabel, orElse(str(product.get("name")), productLabel), str(product.get("description")), label,
                    orElse(str(f.get("name")), label), str(f.get("description")), type, (int) num(f.get("version")),
                    num(f.get("unitCount")), num(f.get("totalSize")));
        }

        /** The next unit of the current units array, or null at its end. */
        UnitDraft unit(Repo r, long maxSize) throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            expect(t, JsonToken.START_OBJECT, "repositories[].units[]");
            String path = null;
            String sha = null;
            long size = -1;
            Map<String, String> metadata = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                switch (p.currentName()) {
                    case "relativePath" -> path = string("relativePath", false);
                    case "sha256" -> sha = string("sha256", false);
                    case "size" -> size = number("size", 0, maxSize);
                    case "metadata" -> metadata = metadata(r);
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            String problem = RelativePaths.problem(path);
            if (problem != null) {
                throw invalid("a unit of repository '" + r.path() + "' has relative path '" + BundleEntries.printable(path) + "' that "
                        + problem);
            }
            if (sha == null || !SHA.matcher(sha).matches() || size < 0) {
                throw invalid("unit '" + path + "' of repository '" + r.path() + "' lacks a valid sha256 or size");
            }
            return new UnitDraft(path, sha, size, metadata);
        }

        private Map<String, String> metadata(Repo r) throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            expect(t, JsonToken.START_OBJECT, "metadata");
            Map<String, String> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                m.put(k, string("metadata." + k, false));
                if (m.size() > io.ferry.content.type.UnitMetadata.MAX_ENTRIES) {
                    throw invalid("a unit of repository '" + r.path() + "' has more metadata entries than allowed");
                }
            }
            return m;
        }

        /** Skips the rest of the current object (after its units array). */
        void finishObject() throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                p.nextToken();
                p.skipChildren();
            }
            expect(t, JsonToken.END_OBJECT, "repositories[]");
        }

        static String str(Object o) {
            return o instanceof String s ? s : null;
        }

        static long num(Object o) {
            return o instanceof Long l ? l : 0;
        }

        static String orElse(String s, String other) {
            return s == null ? other : s;
        }
    }

    private static final class UnitIterator implements Iterator<UnitDraft> {
        private final Cursor c;
        private final Repo repo;
        private UnitDraft next;
        private boolean done;

        UnitIterator(Cursor c, Repo repo) {
            this.c = c;
            this.repo = repo;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = c.unit(repo, Long.MAX_VALUE);
                } catch (IOException e) {
                    throw new FerryException(ErrorCode.STORAGE_IO, "Cannot read the manifest copy: " + e.getMessage(), e);
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public UnitDraft next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            UnitDraft u = next;
            next = null;
            return u;
        }
    }

    /** The one full pass: header, repositories (units checked and counted), blobs (indexed), volumes. */
    private static final class Scan extends Cursor {
        final int volumes;
        final Limits limits;
        final BundleIndex.Builder ix;
        ManifestHeader header;
        final List<Repo> repos = new ArrayList<>();
        long units;
        long blobs;
        long carriedBytes;
        long largest;
        final long[] entries;
        final String[] names;
        private Map<String, Object> export;
        private Map<String, Object> source;
        private Map<String, Object> base;
        private Map<String, Object> scope;
        private boolean sawRepositories;
        private boolean sawBlobs;

        Scan(JsonParser p, int volumes, Limits limits, BundleIndex.Builder ix) {
            super(p);
            this.volumes = volumes;
            this.limits = limits;
            this.ix = ix;
            this.entries = new long[volumes];
            this.names = new String[volumes];
        }

        @SuppressWarnings("unchecked")
        void document() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "manifest");
            if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("format")) {
                throw invalid("it does not start with 'format'");
            }
            String format = string("format", false);
            if (!FORMAT.equals(format)) {
                throw invalid("its format is '" + BundleEntries.printable(format) + "', not '" + FORMAT + "'");
            }
            if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("formatVersion")) {
                throw invalid("'formatVersion' does not follow 'format'");
            }
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "formatVersion");
            long version = p.getLongValue();
            if (version != FORMAT_VERSION) {
                throw new FerryException(ErrorCode.IMPORT_FORMAT_UNSUPPORTED, "The bundle has format version " + version
                        + "; this server reads version " + FORMAT_VERSION + ". " + (version > FORMAT_VERSION
                        ? "It was written by a newer Ferry: upgrade this server to import it." : "It is not a valid bundle."),
                        "path");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                switch (name) {
                    case "export" -> export = asMap(small("export"), "export");
                    case "source" -> source = asMap(small("source"), "source");
                    case "base" -> base = (Map<String, Object>) nullableMap(small("base"), "base");
                    case "scope" -> scope = asMap(small("scope"), "scope");
                    case "repositories" -> repositories();
                    case "blobs" -> blobs();
                    case "volumes" -> volumeList();
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            expect(t, JsonToken.END_OBJECT, "manifest");
            if (export == null || source == null || scope == null || !sawRepositories || !sawBlobs) {
                throw invalid("'export', 'source', 'scope', 'repositories' or 'blobs' is missing");
            }
            header = header((int) version);
            if (p.nextToken() != null) {
                throw invalid("there is data after the manifest object");
            }
        }

        private ManifestHeader header(int version) {
            if (!(export.get("id") instanceof Long id) || str(source.get("serverId")) == null || str(scope.get("kind")) == null) {
                throw invalid("export.id, source.serverId or scope.kind is missing");
            }
            String type = str(export.get("type"));
            if (!"complete".equals(type) && !"incremental".equals(type)) {
                throw invalid("export.type is '" + type + "', not complete or incremental");
            }
            String kind = str(scope.get("kind"));
            if (!Set.of("content_view_version", "library", "repository").contains(kind)) {
                throw invalid("scope.kind is '" + BundleEntries.printable(kind) + "'");
            }
            Long baseId = null;
            String baseSha = null;
            OffsetDateTime since = null;
            OffsetDateTime baseAt = null;
            if (base != null) {
                baseId = base.get("exportId") instanceof Long l ? l : null;
                baseSha = str(base.get("manifestSha256"));
                since = time(base.get("since"), "base.since");
                baseAt = time(base.get("createdAt"), "base.createdAt");
                if (baseId == null && since == null || baseSha != null && !SHA.matcher(baseSha).matches()) {
                    throw invalid("'base' names neither a base export nor a since date");
                }
            }
            if ("incremental".equals(type) && base == null) {
                throw invalid("an incremental export without 'base'");
            }
            if (kind.equals("content_view_version")) {
                Map<?, ?> cv = scope.get("contentView") instanceof Map<?, ?> m ? m : null;
                if (cv == null || str(cv.get("label")) == null || !(cv.get("major") instanceof Long)
                        || !(cv.get("minor") instanceof Long)) {
                    throw invalid("scope.contentView lacks label, major or minor");
                }
            }
            return new ManifestHeader(version, id, type, time(export.get("createdAt"), "export.createdAt"),
                    str(export.get("createdBy")), str(export.get("destination")), str(export.get("format")),
                    str(source.get("serverId")), str(source.get("serverName")), str(source.get("version")), baseId, baseSha,
                    since, baseAt, kind, scope);
        }

        private static OffsetDateTime time(Object o, String where) {
            if (o == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(String.valueOf(o));
            } catch (DateTimeParseException e) {
                throw invalid("'" + where + "' is not an ISO-8601 date-time");
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asMap(Object o, String where) {
            if (!(o instanceof Map<?, ?> m)) {
                throw invalid("'" + where + "' is not an object");
            }
            return (Map<String, Object>) m;
        }

        private static Map<?, ?> nullableMap(Object o, String where) {
            return o == null ? null : asMap(o, where);
        }

        private void repositories() throws IOException {
            expect(p.nextToken(), JsonToken.START_ARRAY, "repositories");
            sawRepositories = true;
            Set<String> seen = new HashSet<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                if (repos.size() >= limits.maxRepositories()) {
                    throw limit("repositories", limits.maxRepositories(), "max-repositories");
                }
                Repo r = repoHeader();
                if (!seen.add(r.path())) {
                    throw invalid("repository '" + r.path() + "' is listed twice");
                }
                long n = 0;
                while (unit(r, limits.maxBlobSize()) != null) {
                    n++;
                    if (++units > limits.maxUnits()) {
                        throw limit("units", limits.maxUnits(), "max-units");
                    }
                }
                if (n != r.unitCount()) {
                    throw invalid("repository '" + r.path() + "' says it has " + r.unitCount() + " units but lists " + n);
                }
                finishObject();
                repos.add(r);
            }
            expect(t, JsonToken.END_ARRAY, "repositories");
        }

        private void blobs() throws IOException {
            expect(p.nextToken(), JsonToken.START_ARRAY, "blobs");
            sawBlobs = true;
            String previous = "";
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                if (++blobs > limits.maxBlobs()) {
                    throw limit("blobs", limits.maxBlobs(), "max-blobs");
                }
                String sha = null;
                long size = -1;
                int volume = 0;
                int parts = 0;
                String path = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    switch (p.currentName()) {
                        case "sha256" -> sha = string("blobs[].sha256", false);
                        case "size" -> size = number("blobs[].size", 0, limits.maxBlobSize());
                        case "path" -> path = string("blobs[].path", false);
                        case "volume" -> volume = (int) number("blobs[].volume", 1, volumes);
                        case "parts" -> {
                            if (sha == null || size < 0 || !SHA.matcher(sha).matches()) {
                                throw invalid("a split blob lists its parts before its sha256 and size");
                            }
                            parts = parts(sha, size);
                        }
                        default -> {
                            p.nextToken();
                            p.skipChildren();
                        }
                    }
                }
                if (sha == null || !SHA.matcher(sha).matches() || size < 0) {
                    throw invalid("a blob lacks a valid sha256 or size");
                }
                if (sha.compareTo(previous) <= 0) {
                    throw invalid("blob " + sha + " is out of SHA-256 order or listed twice");
                }
                previous = sha;
                if (parts == 0) {
                    if (volume == 0 || !("blobs/" + sha).equals(path)) {
                        throw invalid("blob " + sha + " has no volume, or its path is not blobs/" + sha);
                    }
                    entries[volume - 1]++;
                }
                ix.blob(sha, size, parts == 0 ? volume : 0, parts);
                carriedBytes += size;
                largest = Math.max(largest, size);
            }
            expect(t, JsonToken.END_ARRAY, "blobs");
        }

        private int parts(String sha, long size) throws IOException {
            expect(p.nextToken(), JsonToken.START_ARRAY, "blobs[].parts");
            int n = 0;
            long offset = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long part = -1;
                long off = -1;
                long psize = -1;
                int volume = 0;
                String path = null;
                String psha = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    switch (p.currentName()) {
                        case "part" -> part = number("parts[].part", 1, 99999);
                        case "offset" -> off = number("parts[].offset", 0, limits.maxBlobSize());
                        case "size" -> psize = number("parts[].size", 1, limits.maxBlobSize());
                        case "volume" -> volume = (int) number("parts[].volume", 1, volumes);
                        case "path" -> path = string("parts[].path", false);
                        case "sha256" -> psha = string("parts[].sha256", false);
                        default -> {
                            p.nextToken();
                            p.skipChildren();
                        }
                    }
                }
                n++;
                if (part != n || off != offset || psize < 1 || volume == 0 || psha == null || !SHA.matcher(psha).matches()
                        || !String.format("parts/%s/%05d", sha, part).equals(path)) {
                    throw invalid("part " + n + " of blob " + sha + " is not numbered, placed or named in sequence");
                }
                offset += psize;
                if (++blobs > limits.maxBlobs()) {
                    throw limit("blobs and parts", limits.maxBlobs(), "max-blobs");
                }
                entries[volume - 1]++;
                ix.part(sha, n, volume, off, psize, psha);
            }
            if (n == 0 || offset != size) {
                throw invalid("the parts of blob " + sha + " add up to " + offset + " bytes, not " + size);
            }
            return n;
        }

        private void volumeList() throws IOException {
            expect(p.nextToken(), JsonToken.START_ARRAY, "volumes");
            JsonToken t;
            int count = 0;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                Map<String, Object> v = asMap(small(JsonToken.START_OBJECT, "volumes[]", new int[] {SMALL_OBJECT_TOKENS}),
                        "volumes[]");
                count++;
                if (count > volumes || !(v.get("number") instanceof Long n) || n != count) {
                    throw invalid("'volumes' does not list volumes 1.." + volumes + " in order");
                }
                names[count - 1] = str(v.get("name"));
            }
            expect(t, JsonToken.END_ARRAY, "volumes");
            if (count != volumes) {
                throw invalid("'volumes' lists " + count + " volumes but the volume markers say " + volumes);
            }
        }

        private static FerryException limit(String what, long max, String setting) {
            return new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "The manifest lists more than " + max + " " + what
                    + " (setting ferry.import." + setting + "); the bundle was not imported. Raise the setting if the bundle "
                    + "is genuine.", "path");
        }
    }
}
