package io.ferry.imports.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ferry.common.value.Metadata;
import io.ferry.common.value.RelativePath;
import io.ferry.common.value.Sha256;
import io.ferry.common.value.Text;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.UnitDraft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Token reading shared by the manifest's check pass and its later passes. Every repository and unit it
 * returns has been built under the API's rules ({@link BundleValues}): labels, names, descriptions, the
 * content type's unit rules (relative path, reserved index names, metadata), digests and sizes.
 */
class ManifestCursor {
    static final int SMALL_OBJECT_TOKENS = 4096;

    final JsonParser p;
    private final Function<String, ContentType> types;
    private int repoIndex = -1;
    private long unitIndex;

    ManifestCursor(JsonParser p, Function<String, ContentType> types) {
        this.p = p;
        this.types = types;
    }

    /** Position of the current repository in the manifest, for messages. */
    int repoIndex() {
        return repoIndex;
    }

    /** Moves to the value of a top-level field, skipping the others. */
    void toField(String name) throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.START_OBJECT, "manifest");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.currentName().equals(name)) {
                return;
            }
            p.nextToken();
            p.skipChildren();
        }
        throw Manifest.invalid("it has no '" + name + "'");
    }

    String string(String where) throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.VALUE_STRING, where);
        return p.getText();
    }

    long number(String where, long min, long max) throws IOException {
        Manifest.expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, where);
        long v = p.getLongValue();
        if (v < min || v > max) {
            throw Manifest.invalid("'" + where + "' is " + v + ", outside " + min + ".." + max);
        }
        return v;
    }

    /** Reads a small JSON value (bounded token count) into plain maps, lists and scalars. */
    Object small(String where) throws IOException {
        return small(p.nextToken(), where, new int[] {SMALL_OBJECT_TOKENS});
    }

    /** Reads the value starting at token {@code t}, spending one of {@code budget} per token. */
    Object small(JsonToken t, String where, int[] budget) throws IOException {
        if (--budget[0] < 0) {
            throw Manifest.invalid("'" + where + "' is larger than a manifest header field can be");
        }
        if (t == null) {
            throw Manifest.invalid("it ends inside '" + where + "'");
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
            default -> throw Manifest.invalid("unexpected " + t + " in '" + where + "'");
        }
    }

    /** Reads a repository's fields up to its {@code units} array (positioned after START_OBJECT), every value checked. */
    Manifest.Repo repoHeader() throws IOException {
        repoIndex++;
        unitIndex = 0;
        String at = "repositories[" + repoIndex + "]";
        Map<String, Object> f = new LinkedHashMap<>();
        while (true) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.FIELD_NAME) {
                throw Manifest.invalid("a repository has no 'units' array");
            }
            String name = p.currentName();
            if (name.equals("units")) {
                Manifest.expect(p.nextToken(), JsonToken.START_ARRAY, at + ".units");
                break;
            }
            f.put(name, small(at + "." + name));
        }
        Map<?, ?> product = f.get("product") instanceof Map<?, ?> m ? m : Map.of();
        String type = text(at + ".contentType", f.get("contentType"));
        if (f.get("label") == null || product.get("label") == null || type == null) {
            throw Manifest.invalid(at + " lacks its label, product label or contentType before its units");
        }
        String productLabel = BundleValues.label(at + ".product.label", text(at + ".product.label", product.get("label")));
        String label = BundleValues.label(at + ".label", text(at + ".label", f.get("label")));
        if (types.apply(type) == null) {
            throw BundleValues.refused(at + ".contentType", "content type '" + Text.printable(type)
                    + "' is not one this server knows. Upgrade this server to import it.");
        }
        return new Manifest.Repo(repoIndex, productLabel,
                BundleValues.name(at + ".product.name", text(at + ".product.name", product.get("name")), productLabel),
                BundleValues.description(at + ".product.description", text(at + ".product.description", product.get("description"))),
                label, BundleValues.name(at + ".name", text(at + ".name", f.get("name")), label),
                BundleValues.description(at + ".description", text(at + ".description", f.get("description"))), type,
                BundleValues.count(at + ".version", f.get("version")), BundleValues.size(at + ".unitCount", f.get("unitCount")),
                BundleValues.size(at + ".totalSize", f.get("totalSize")));
    }

    /** The next unit of the current units array, or null at its end; checked under the repository's content type. */
    UnitDraft unit(Manifest.Repo r, long maxSize) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return null;
        }
        String at = "repositories[" + r.index() + "].units[" + unitIndex++ + "]";
        Manifest.expect(t, JsonToken.START_OBJECT, at);
        String path = null;
        String sha = null;
        long size = -1;
        Map<String, String> metadata = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            switch (p.currentName()) {
                case "relativePath" -> path = string(at + ".relativePath");
                case "sha256" -> sha = string(at + ".sha256");
                case "size" -> size = number(at + ".size", 0, maxSize);
                case "metadata" -> metadata = metadata(at + ".metadata");
                default -> {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        }
        if (path == null || sha == null || size < 0) {
            throw Manifest.invalid(at + " of repository '" + r.path() + "' lacks its relativePath, sha256 or size");
        }
        String digest = sha;
        BundleValues.check(at + ".sha256", () -> Sha256.of(digest, "sha256"));
        UnitDraft unit = new UnitDraft(path, sha, size, metadata);
        String where = at + (RelativePath.problem(path) != null ? ".relativePath" : "");
        BundleValues.check(where, () -> {
            types.apply(r.contentType()).validate(unit);
            return unit;
        });
        return unit;
    }

    /** Metadata, each key and value checked as it arrives so no more than one bounded entry is read past a bad one. */
    private Map<String, String> metadata(String at) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        Manifest.expect(t, JsonToken.START_OBJECT, at);
        Map<String, String> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (m.size() == Metadata.MAX_ENTRIES) {
                throw BundleValues.refused(at, "a unit has more than " + Metadata.MAX_ENTRIES + " metadata entries.");
            }
            BundleValues.check(at, () -> {
                Metadata.requireKey(k);
                return k;
            });
            String v = string(at + "." + k);
            BundleValues.check(at + "." + k, () -> {
                Metadata.requireValue(k, v);
                return v;
            });
            m.put(k, v);
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
        Manifest.expect(t, JsonToken.END_OBJECT, "repositories[]");
    }

    /** A text field of a small object: null when absent; another JSON type where text belongs is refused. */
    static String text(String where, Object raw) {
        if (raw != null && !(raw instanceof String)) {
            throw BundleValues.refused(where, "it holds '" + Text.printable(String.valueOf(raw)) + "' where text belongs.");
        }
        return (String) raw;
    }
}
