package io.ferry.imports.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Label;
import io.ferry.common.value.Sha256;
import io.ferry.common.value.Text;
import io.ferry.content.type.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one full pass over a manifest: header (every value under the API's rules), repositories (units
 * checked, counted and their paths keyed for duplicates), blobs (indexed), volumes. Memory holds the
 * header, one small object per repository and per volume, and a bounded run of path keys.
 */
final class ManifestScan extends ManifestCursor {
    final int volumes;
    final Limits limits;
    final BundleIndex.Builder ix;
    final UniqueKeys paths;
    ManifestHeader header;
    final List<Manifest.Repo> repos = new ArrayList<>();
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
    private Object provenance;
    private boolean sawRepositories;
    private boolean sawBlobs;

    ManifestScan(JsonParser p, Function<String, ContentType> types, int volumes, Limits limits, BundleIndex.Builder ix,
                 UniqueKeys paths) {
        super(p, types);
        this.volumes = volumes;
        this.limits = limits;
        this.ix = ix;
        this.paths = paths;
        this.entries = new long[volumes];
        this.names = new String[volumes];
    }

    void document() throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_OBJECT, "manifest");
        if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("format")) {
            throw Manifest.invalid("it does not start with 'format'");
        }
        String format = string("format");
        if (!Manifest.FORMAT.equals(format)) {
            throw Manifest.invalid("its format is '" + Text.printable(format) + "', not '" + Manifest.FORMAT + "'");
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("formatVersion")) {
            throw Manifest.invalid("'formatVersion' does not follow 'format'");
        }
        Manifest.expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "formatVersion");
        long version = p.getLongValue();
        if (version < 1 || version > Manifest.FORMAT_VERSION) {
            throw new FerryException(ErrorCode.IMPORT_FORMAT_UNSUPPORTED, "The bundle has format version " + version
                    + "; this server reads versions 1 to " + Manifest.FORMAT_VERSION + ". " + (version > Manifest.FORMAT_VERSION
                    ? "It was written by a newer Ferry: upgrade this server to import it." : "It is not a valid bundle."), "path");
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            switch (p.currentName()) {
                case "export" -> export = map(small("export"), "export");
                case "source" -> source = map(small("source"), "source");
                case "base" -> base = nullableMap(small("base"), "base");
                case "scope" -> scope = map(small("scope"), "scope");
                case "provenance" -> provenance = small("provenance");
                case "repositories" -> repositories();
                case "blobs" -> blobs();
                case "volumes" -> volumeList();
                default -> {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        }
        Manifest.expect(t, JsonToken.END_OBJECT, "manifest");
        if (export == null || source == null || scope == null || !sawRepositories || !sawBlobs) {
            throw Manifest.invalid("'export', 'source', 'scope', 'repositories' or 'blobs' is missing");
        }
        header = ManifestHeaders.check((int) version, export, source, base, scope, provenance);
        if (p.nextToken() != null) {
            throw Manifest.invalid("there is data after the manifest object");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw Manifest.invalid("'" + where + "' is not an object");
        }
        return (Map<String, Object>) m;
    }

    private static Map<String, Object> nullableMap(Object o, String where) {
        return o == null ? null : map(o, where);
    }

    private void repositories() throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_ARRAY, "repositories");
        sawRepositories = true;
        Set<String> seen = new HashSet<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            if (repos.size() >= limits.maxRepositories()) {
                throw limit("repositories", limits.maxRepositories(), "max-repositories");
            }
            Manifest.Repo r = repoHeader();
            if (!seen.add(r.path())) {
                throw BundleValues.refused("repositories[" + r.index() + "]", "repository '" + r.path() + "' is listed twice.");
            }
            long n = 0;
            io.ferry.content.type.UnitDraft u;
            while ((u = unit(r, limits.maxBlobSize())) != null) {
                n++;
                if (++units > limits.maxUnits()) {
                    throw limit("units", limits.maxUnits(), "max-units");
                }
                paths.add(r.index(), u.relativePath());
            }
            if (n != r.unitCount()) {
                throw Manifest.invalid("repository '" + r.path() + "' says it has " + r.unitCount() + " units but lists " + n);
            }
            finishObject();
            repos.add(r);
        }
        Manifest.expect(t, JsonToken.END_ARRAY, "repositories");
    }

    private void blobs() throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_ARRAY, "blobs");
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
            long delta = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                switch (p.currentName()) {
                    case "delta" -> {
                        if (!Sha256.isValid(sha) || size < 0) {
                            throw Manifest.invalid("a delta blob lists its delta before its sha256 and size");
                        }
                        delta = delta(sha, size);
                    }
                    case "sha256" -> sha = string("blobs[].sha256");
                    case "size" -> size = number("blobs[].size", 0, limits.maxBlobSize());
                    case "path" -> path = string("blobs[].path");
                    case "volume" -> volume = (int) number("blobs[].volume", 1, volumes);
                    case "parts" -> {
                        if (!Sha256.isValid(sha) || size < 0) {
                            throw Manifest.invalid("a split blob lists its parts before its sha256 and size");
                        }
                        parts = parts(sha, size);
                    }
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            if (!Sha256.isValid(sha) || size < 0) {
                throw Manifest.invalid("a blob lacks a valid sha256 or size");
            }
            if (sha.compareTo(previous) <= 0) {
                throw Manifest.invalid("blob " + sha + " is out of SHA-256 order or listed twice");
            }
            previous = sha;
            if (delta >= 0 && (parts > 0 || volume == 0 || !("deltas/" + sha).equals(path))) {
                throw Manifest.invalid("delta blob " + sha + " is split, has no volume, or its path is not deltas/" + sha);
            }
            if (parts == 0) {
                if (volume == 0 || delta < 0 && !("blobs/" + sha).equals(path)) {
                    throw Manifest.invalid("blob " + sha + " has no volume, or its path is not blobs/" + sha);
                }
                entries[volume - 1]++;
            }
            ix.blob(sha, size, parts == 0 ? volume : 0, parts, delta);
            carriedBytes += delta >= 0 ? delta : size;
            largest = Math.max(largest, size);
        }
        Manifest.expect(t, JsonToken.END_ARRAY, "blobs");
    }

    /** {@code delta: {size, bases: [sha256, ...]}}: the delta file's size (answered) and its base blobs, ascending. */
    private long delta(String sha, long size) throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_OBJECT, "blobs[].delta");
        long dsize = -1;
        int bases = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            switch (p.currentName()) {
                case "size" -> dsize = number("blobs[].delta.size", 1, limits.maxBlobSize());
                case "bases" -> {
                    Manifest.expect(p.nextToken(), JsonToken.START_ARRAY, "blobs[].delta.bases");
                    String previous = "";
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        String base = p.getText();
                        if (!Sha256.isValid(base) || base.compareTo(previous) <= 0 || base.equals(sha)) {
                            throw Manifest.invalid("the bases of delta blob " + sha + " are not distinct SHA-256 digests in order");
                        }
                        if (++bases > io.ferry.delta.DeltaFormat.MAX_BASES) {
                            throw new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "Delta blob " + sha + " names more than "
                                    + io.ferry.delta.DeltaFormat.MAX_BASES + " base blobs, the most a delta may have; the bundle "
                                    + "was not imported.", "path");
                        }
                        previous = base;
                        ix.deltaBase(sha, base);
                    }
                    Manifest.expect(p.currentToken(), JsonToken.END_ARRAY, "blobs[].delta.bases");
                }
                default -> {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        }
        if (dsize < 0 || bases == 0) {
            throw Manifest.invalid("delta blob " + sha + " lacks the size of its delta or its bases");
        }
        return dsize;
    }

    private int parts(String sha, long size) throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_ARRAY, "blobs[].parts");
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
                    case "path" -> path = string("parts[].path");
                    case "sha256" -> psha = string("parts[].sha256");
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            n++;
            if (part != n || off != offset || psize < 1 || volume == 0 || !Sha256.isValid(psha)
                    || !String.format("parts/%s/%05d", sha, part).equals(path)) {
                throw Manifest.invalid("part " + n + " of blob " + sha + " is not numbered, placed or named in sequence");
            }
            offset += psize;
            if (++blobs > limits.maxBlobs()) {
                throw limit("blobs and parts", limits.maxBlobs(), "max-blobs");
            }
            entries[volume - 1]++;
            ix.part(sha, n, volume, off, psize, psha);
        }
        if (n == 0 || offset != size) {
            throw Manifest.invalid("the parts of blob " + sha + " add up to " + offset + " bytes, not " + size);
        }
        return n;
    }

    private void volumeList() throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_ARRAY, "volumes");
        JsonToken t;
        int count = 0;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            Map<String, Object> v = map(small(JsonToken.START_OBJECT, "volumes[]", new int[] {SMALL_OBJECT_TOKENS}), "volumes[]");
            count++;
            if (count > volumes || !(v.get("number") instanceof Long n) || n != count) {
                throw Manifest.invalid("'volumes' does not list volumes 1.." + volumes + " in order");
            }
            String where = "volumes[" + (count - 1) + "].name";
            String name = text(where, v.get("name"));
            if (name != null && !Label.isValid(name)) {
                throw BundleValues.refused(where, "volume name '" + Text.printable(name) + "' is not a plain file name (1-128 of "
                        + "A-Z a-z 0-9 . _ -).");
            }
            names[count - 1] = name;
        }
        Manifest.expect(t, JsonToken.END_ARRAY, "volumes");
        if (count != volumes) {
            throw Manifest.invalid("'volumes' lists " + count + " volumes but the volume markers say " + volumes);
        }
    }

    private static FerryException limit(String what, long max, String setting) {
        return new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "The manifest lists more than " + max + " " + what
                + " (setting ferry.import." + setting + "); the bundle was not imported. Raise the setting if the bundle "
                + "is genuine.", "path");
    }
}
