package io.ferry.imports.bundle;

import java.time.OffsetDateTime;

/** One server a content view version passed through before this bundle's source: who exported it, which export, when. */
public record ManifestHop(String serverId, String serverName, long exportId, OffsetDateTime exportedAt) {
    /** Most hops a manifest may list (a chain longer than this is refused as a malformed bundle). */
    public static final int MAX = 32;
}
