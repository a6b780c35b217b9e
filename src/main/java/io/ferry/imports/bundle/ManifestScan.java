package io.ferry.imports.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Label;
import io.ferry.common.value.ServerName;
import io.ferry.common.value.Sha256;
import io.ferry.common.value.Text;
import io.ferry.common.value.Username;
import io.ferry.common.value.VersionNumber;
import io.ferry.content.type.ContentType;
import io.ferry.contentview.ContentViewLabels;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one full pass over a manifest: header (every value under the API's rules), repositories (units
 * checked, counted and their paths keyed for duplicates), blobs (indexed), volumes. Memory holds the
 * header, one small object per repository and per volume, and a bounded run of path keys.
 */
final class ManifestScan extends ManifestCursor {
    private static final Pattern SOFTWARE_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

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
        if (version != Manifest.FORMAT_VERSION) {
            throw new FerryException(ErrorCode.IMPORT_FORMAT_UNSUPPORTED, "The bundle has format version " + version
                    + "; this server reads version " + Manifest.FORMAT_VERSION + ". " + (version > Manifest.FORMAT_VERSION
                    ? "It was written by a newer Ferry: upgrade this server to import it." : "It is not a valid bundle."), "path");
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            switch (p.currentName()) {
                case "export" -> export = map(small("export"), "export");
                case "source" -> source = map(small("source"), "source");
                case "base" -> base = nullableMap(small("base"), "base");
                case "scope" -> scope = map(small("scope"), "scope");
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
        header = header((int) version);
        if (p.nextToken() != null) {
            throw Manifest.invalid("there is data after the manifest object");
        }
    }

    private ManifestHeader header(int version) {
        if (export.get("id") == null || source.get("serverId") == null || scope.get("kind") == null) {
            throw Manifest.invalid("export.id, source.serverId or scope.kind is missing");
        }
        long id = BundleValues.positive("export.id", export.get("id"));
        String type = text("export.type", export.get("type"));
        if (!"complete".equals(type) && !"incremental".equals(type)) {
            throw Manifest.invalid("export.type is '" + Text.printable(type) + "', not complete or incremental");
        }
        String kind = text("scope.kind", scope.get("kind"));
        if (!Set.of("content_view_version", "library", "repository").contains(kind)) {
            throw Manifest.invalid("scope.kind is '" + Text.printable(kind) + "'");
        }
        String createdBy = text("export.createdBy", export.get("createdBy"));
        if (createdBy != null) {
            BundleValues.check("export.createdBy", () -> Username.of(createdBy, "export.createdBy"));
        }
        String exportFormat = text("export.format", export.get("format"));
        if (exportFormat != null && !Set.of("dir", "tgz", "iso").contains(exportFormat)) {
            throw BundleValues.refused("export.format", "'" + Text.printable(exportFormat) + "' is not dir, tgz or iso.");
        }
        String serverName = text("source.serverName", source.get("serverName"));
        if (serverName != null) {
            BundleValues.check("source.serverName", () -> new ServerName(serverName));
        }
        String software = text("source.version", source.get("version"));
        if (software != null && !SOFTWARE_VERSION.matcher(software).matches()) {
            throw BundleValues.refused("source.version", "'" + Text.printable(software) + "' is not a Ferry version (1-64 of "
                    + "A-Z a-z 0-9 . + _ -).");
        }
        Long baseId = null;
        String baseSha = null;
        OffsetDateTime since = null;
        OffsetDateTime baseAt = null;
        if (base != null) {
            baseId = base.get("exportId") == null ? null : BundleValues.positive("base.exportId", base.get("exportId"));
            baseSha = text("base.manifestSha256", base.get("manifestSha256"));
            if (baseSha != null) {
                String sha = baseSha;
                BundleValues.check("base.manifestSha256", () -> Sha256.of(sha, "base.manifestSha256"));
            }
            since = time(base.get("since"), "base.since");
            baseAt = time(base.get("createdAt"), "base.createdAt");
            if (baseId == null && since == null) {
                throw Manifest.invalid("'base' names neither a base export nor a since date");
            }
        }
        if ("incremental".equals(type) && base == null) {
            throw Manifest.invalid("an incremental export without 'base'");
        }
        scope(kind);
        return new ManifestHeader(version, id, type, time(export.get("createdAt"), "export.createdAt"), createdBy,
                BundleValues.optionalLabel("export.destination", text("export.destination", export.get("destination"))),
                exportFormat, BundleValues.serverId("source.serverId", text("source.serverId", source.get("serverId")))
                .toString(), serverName, software, baseId, baseSha, since, baseAt, kind, scope);
    }

    /** The scope's labels, names and numbers, under the same rules as the entities they name. */
    private void scope(String kind) {
        Map<?, ?> org = scope.get("organization") instanceof Map<?, ?> m ? m : null;
        if (org != null) {
            BundleValues.optionalLabel("scope.organization.label", text("scope.organization.label", org.get("label")));
        }
        switch (kind) {
            case "content_view_version" -> {
                Map<?, ?> cv = scope.get("contentView") instanceof Map<?, ?> m ? m : null;
                if (cv == null || cv.get("label") == null || cv.get("major") == null || cv.get("minor") == null) {
                    throw Manifest.invalid("scope.contentView lacks label, major or minor");
                }
                String label = text("scope.contentView.label", cv.get("label"));
                BundleValues.check("scope.contentView.label", () -> ContentViewLabels.require(label, "scope.contentView.label"));
                BundleValues.name("scope.contentView.name", text("scope.contentView.name", cv.get("name")), label);
                BundleValues.description("scope.contentView.description", text("scope.contentView.description",
                        cv.get("description")));
                BundleValues.description("scope.contentView.versionDescription", text("scope.contentView.versionDescription",
                        cv.get("versionDescription")));
                if (!(cv.get("major") instanceof Long major) || !(cv.get("minor") instanceof Long minor)) {
                    throw BundleValues.refused("scope.contentView.major", "the version is '" + Text.printable(cv.get("major")
                            + "." + cv.get("minor")) + "', not two whole numbers.");
                }
                BundleValues.check("scope.contentView.major", () -> VersionNumber.of(major, minor, "scope.contentView.major"));
                String shown = text("scope.contentView.version", cv.get("version"));
                if (shown != null && !shown.equals(major + "." + minor)) {
                    throw BundleValues.refused("scope.contentView.version", "'" + Text.printable(shown) + "' is not major.minor ("
                            + major + "." + minor + ").");
                }
                BundleValues.optionalLabel("scope.environment", text("scope.environment", scope.get("environment")));
            }
            case "repository" -> {
                BundleValues.optionalLabel("scope.product", text("scope.product", scope.get("product")));
                BundleValues.optionalLabel("scope.repository", text("scope.repository", scope.get("repository")));
                BundleValues.count("scope.repositoryVersion", scope.get("repositoryVersion"));
            }
            default -> {
                // the Library: the organization only
            }
        }
    }

    private static OffsetDateTime time(Object o, String where) {
        if (o == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text(where, o));
        } catch (DateTimeParseException e) {
            throw BundleValues.refused(where, "'" + Text.printable(String.valueOf(o)) + "' is not an ISO-8601 date-time.");
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
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                switch (p.currentName()) {
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
            if (parts == 0) {
                if (volume == 0 || !("blobs/" + sha).equals(path)) {
                    throw Manifest.invalid("blob " + sha + " has no volume, or its path is not blobs/" + sha);
                }
                entries[volume - 1]++;
            }
            ix.blob(sha, size, parts == 0 ? volume : 0, parts);
            carriedBytes += size;
            largest = Math.max(largest, size);
        }
        Manifest.expect(t, JsonToken.END_ARRAY, "blobs");
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
