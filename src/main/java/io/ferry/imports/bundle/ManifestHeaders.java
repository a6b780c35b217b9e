package io.ferry.imports.bundle;

import static io.ferry.imports.bundle.ManifestCursor.text;

import io.ferry.common.value.Actor;
import io.ferry.common.value.ServerName;
import io.ferry.common.value.Sha256;
import io.ferry.common.value.Text;
import io.ferry.common.value.VersionNumber;
import io.ferry.contentview.ContentViewLabels;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The manifest's header ({@code export}, {@code source}, {@code base}, {@code scope}), every value under the API's rules. */
final class ManifestHeaders {
    private static final Pattern SOFTWARE_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

    private ManifestHeaders() {
    }

    static ManifestHeader check(int version, Map<String, Object> export, Map<String, Object> source, Map<String, Object> base,
                                Map<String, Object> scope, Object provenance) {
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
            BundleValues.check("export.createdBy", () -> Actor.of(createdBy, "export.createdBy"));
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
        String receipt = null;
        if (base != null) {
            baseId = base.get("exportId") == null ? null : BundleValues.positive("base.exportId", base.get("exportId"));
            baseSha = text("base.manifestSha256", base.get("manifestSha256"));
            if (baseSha != null) {
                String sha = baseSha;
                BundleValues.check("base.manifestSha256", () -> Sha256.of(sha, "base.manifestSha256"));
            }
            since = time(base.get("since"), "base.since");
            baseAt = time(base.get("createdAt"), "base.createdAt");
            receipt = receipt(base.get("receipt"));
            if (baseId == null && since == null && receipt == null) {
                throw Manifest.invalid("'base' names neither a base export, a since date nor a receipt");
            }
        }
        if ("incremental".equals(type) && base == null) {
            throw Manifest.invalid("an incremental export without 'base'");
        }
        Map<String, Object> checkedScope = scope(kind, scope);
        return new ManifestHeader(version, id, type, time(export.get("createdAt"), "export.createdAt"), createdBy,
                BundleValues.optionalLabel("export.destination", text("export.destination", export.get("destination"))),
                exportFormat, BundleValues.serverId("source.serverId", text("source.serverId", source.get("serverId")))
                .toString(), serverName, software, baseId, baseSha, since, baseAt, kind, checkedScope, provenance(provenance), receipt);
    }

    /** A receipt base, for messages: "the receipt SHA… made AT"; null when there is none. */
    static String receipt(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> r)) {
            throw Manifest.invalid("'base.receipt' is not an object");
        }
        String sha = text("base.receipt.sha256", r.get("sha256"));
        BundleValues.check("base.receipt.sha256", () -> Sha256.of(sha, "base.receipt.sha256"));
        BundleValues.serverId("base.receipt.serverId", text("base.receipt.serverId", r.get("serverId")));
        OffsetDateTime at = time(r.get("createdAt"), "base.receipt.createdAt");
        return "the receipt " + sha.substring(0, 12) + "… made " + at;
    }

    /** The servers the content passed through before the source, each value under the API's rules (absent in older bundles). */
    static java.util.List<ManifestHop> provenance(Object raw) {
        if (raw == null) {
            return java.util.List.of();
        }
        if (!(raw instanceof java.util.List<?> list)) {
            throw Manifest.invalid("'provenance' is not a list");
        }
        if (list.size() > ManifestHop.MAX) {
            throw BundleValues.refused("provenance", "it lists " + list.size() + " servers; at most " + ManifestHop.MAX + ".");
        }
        java.util.List<ManifestHop> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "provenance[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> hop)) {
                throw Manifest.invalid("'" + at + "' is not an object");
            }
            String name = text(at + ".serverName", hop.get("serverName"));
            BundleValues.check(at + ".serverName", () -> new ServerName(name));
            OffsetDateTime when = time(hop.get("exportedAt"), at + ".exportedAt");
            if (when == null) {
                throw Manifest.invalid("'" + at + ".exportedAt' is missing");
            }
            out.add(new ManifestHop(BundleValues.serverId(at + ".serverId", text(at + ".serverId", hop.get("serverId"))).toString(),
                    name, BundleValues.positive(at + ".exportId", hop.get("exportId")), when));
        }
        return java.util.List.copyOf(out);
    }

    /**
     * The scope's labels, names and numbers, under the same rules as the entities they name; answers only
     * those fields (checked), so nothing unchecked from the manifest reaches the import history.
     */
    private static Map<String, Object> scope(String kind, Map<String, Object> scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        Map<?, ?> org = scope.get("organization") instanceof Map<?, ?> m ? m : null;
        if (org != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            String label = BundleValues.label("scope.organization.label", text("scope.organization.label", org.get("label")));
            o.put("label", label);
            o.put("name", BundleValues.name("scope.organization.name", text("scope.organization.name", org.get("name")), label));
            out.put("organization", o);
        }
        switch (kind) {
            case "content_view_version" -> {
                Map<?, ?> cv = scope.get("contentView") instanceof Map<?, ?> m ? m : null;
                if (cv == null || cv.get("label") == null || cv.get("major") == null || cv.get("minor") == null) {
                    throw Manifest.invalid("scope.contentView lacks label, major or minor");
                }
                String label = text("scope.contentView.label", cv.get("label"));
                BundleValues.check("scope.contentView.label", () -> ContentViewLabels.require(label, "scope.contentView.label"));
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
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("label", label);
                view.put("name", BundleValues.name("scope.contentView.name", text("scope.contentView.name", cv.get("name")), label));
                view.put("description", BundleValues.description("scope.contentView.description",
                        text("scope.contentView.description", cv.get("description"))));
                view.put("versionDescription", BundleValues.description("scope.contentView.versionDescription",
                        text("scope.contentView.versionDescription", cv.get("versionDescription"))));
                view.put("major", major);
                view.put("minor", minor);
                view.put("version", major + "." + minor);
                out.put("contentView", view);
                String env = BundleValues.optionalLabel("scope.environment", text("scope.environment", scope.get("environment")));
                if (env != null) {
                    out.put("environment", env);
                }
            }
            case "repository" -> {
                out.put("product", BundleValues.optionalLabel("scope.product", text("scope.product", scope.get("product"))));
                out.put("repository", BundleValues.optionalLabel("scope.repository", text("scope.repository",
                        scope.get("repository"))));
                out.put("repositoryVersion", BundleValues.count("scope.repositoryVersion", scope.get("repositoryVersion")));
            }
            default -> {
                // the Library: the organization only
            }
        }
        return out;
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
}
