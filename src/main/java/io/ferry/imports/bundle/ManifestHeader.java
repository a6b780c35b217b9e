package io.ferry.imports.bundle;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The small part of a manifest: which export, from where, on top of what, of which scope, and the servers the
 * content passed through before its source ({@code provenance}, origin first; empty for content made there).
 */
public record ManifestHeader(int formatVersion, long exportId, String type, OffsetDateTime createdAt, String createdBy,
                             String destination, String format, String sourceServerId, String sourceServerName,
                             String sourceVersion, Long baseExportId, String baseManifestSha256, OffsetDateTime baseSince,
                             OffsetDateTime baseCreatedAt, String scopeKind, Map<String, Object> scope,
                             java.util.List<ManifestHop> provenance, String baseReceipt) {
    public boolean incremental() {
        return "incremental".equals(type);
    }

    /** A short description of the scope for messages: "content view 'web' 2.0", "Library", "repository 'acme/isos'". */
    @SuppressWarnings("unchecked")
    public String scopeDescription() {
        Object org = scope.get("organization") instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("label") : null;
        return switch (scopeKind) {
            case "content_view_version" -> {
                Map<String, Object> cv = scope.get("contentView") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                yield "content view '" + cv.get("label") + "' version " + cv.get("version") + " of organization '" + org + "'";
            }
            case "repository" -> "repository '" + scope.get("product") + "/" + scope.get("repository") + "' of organization '"
                    + org + "'";
            default -> "the Library of organization '" + org + "'";
        };
    }
}
