package io.ferry.content.type;

import java.util.Map;

/** A unit as offered for a repository (upload, sync, import) before it is stored. */
public record UnitDraft(String relativePath, String sha256, long size, Map<String, String> metadata) {
}
