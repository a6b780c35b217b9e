package io.ferry.imports;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.common.value.Text;
import io.ferry.content.type.ContentTypes;
import io.ferry.imports.bundle.BundleIndex;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What an import needs from this server: lineage, blobs, free space and labels that do not conflict. Reads only. */
@ApplicationScoped
public class ImportPlanner {
    /** Free space kept beyond the bytes to store (the database and logs share the disk). */
    static final long SPACE_MARGIN = 256L << 20;

    @Inject
    EntityManager em;
    @Inject
    ImportHistory history;
    @Inject
    BlobStore store;
    @Inject
    ContentTypes types;

    /** hammer's content-import version|library|repository against the bundle's scope. */
    static void requireKind(String kind, ManifestHeader h) {
        if (kind == null) {
            return;
        }
        String wanted = switch (kind) {
            case "version" -> "content_view_version";
            case "library" -> "library";
            case "repository" -> "repository";
            default -> throw new FerryException(ErrorCode.VALIDATION_FAILED, "kind must be version, library or repository.", "kind");
        };
        if (!wanted.equals(h.scopeKind())) {
            throw new FerryException(ErrorCode.IMPORT_SCOPE_MISMATCH, "The bundle holds " + h.scopeDescription() + " (scope "
                    + h.scopeKind() + "), not what an import of kind '" + kind + "' takes. Use ferry content-import " + kindOf(h.scopeKind())
                    + " (kind '" + kindOf(h.scopeKind()) + "'), or leave kind out.", "kind");
        }
    }

    static String kindOf(String scopeKind) {
        return switch (scopeKind) {
            case "content_view_version" -> "version";
            case "repository" -> "repository";
            default -> "library";
        };
    }

    /** An incremental's base export must have been imported into this organization. */
    public void requireBase(long orgId, String orgLabel, ManifestHeader h) {
        if (!h.incremental() || h.baseExportId() == null) {
            return;
        }
        if (history.succeeded(orgId, h.sourceServerId(), h.baseExportId(), h.baseManifestSha256()) == null) {
            throw new FerryException(ErrorCode.IMPORT_BASE_MISSING, "This is an incremental export (export " + h.exportId()
                    + " of " + h.scopeDescription() + ") on top of base export " + h.baseExportId()
                    + (h.baseCreatedAt() == null ? "" : " created " + h.baseCreatedAt()) + " (manifest "
                    + (h.baseManifestSha256() == null ? "?" : h.baseManifestSha256().substring(0, 12) + "…") + ") of server '"
                    + h.sourceServerName() + "' (" + h.sourceServerId() + "). That export has not been imported into organization '"
                    + orgLabel + "'. Import export " + h.baseExportId() + " first, then this one; nothing was changed.", "path");
        }
    }

    /**
     * Every unit's blob must be carried by the bundle (with the same size) or already stored here; for a
     * since-based incremental this is the whole lineage check. One pass over the units, index lookups only.
     */
    public void requireBlobsAvailable(Manifest m, String orgLabel) {
        long[] missing = {0};
        List<String> examples = new ArrayList<>();
        BundleIndex index = m.index();
        try {
            m.forEachUnit((repo, u) -> {
                BundleIndex.Blob b = index.blob(u.sha256());
                if (b != null) {
                    if (b.size() != u.size()) {
                        throw new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "Unit '" + Text.printable(u.relativePath())
                                + "' of repository '"
                                + repo.path() + "' says " + u.size() + " bytes but its blob has " + b.size() + ".", "path");
                    }
                } else {
                    long stored = store.sizeIfStored(u.sha256());
                    if (stored >= 0 && stored != u.size()) {
                        throw new FerryException(ErrorCode.IMPORT_VALUE_INVALID, "Unit '" + Text.printable(u.relativePath())
                                + "' of repository '" + repo.path() + "' says " + u.size() + " bytes, but the blob " + u.sha256()
                                + " stored here has " + stored + ": the manifest is wrong; nothing was imported.",
                                "repositories[" + repo.index() + "].units");
                    }
                    if (stored >= 0) {
                        return;
                    }
                    missing[0]++;
                    if (examples.size() < 3) {
                        examples.add("'" + u.relativePath() + "' of " + repo.path());
                    }
                }
            });
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot read the manifest copy: " + e.getMessage(), e);
        }
        if (missing[0] == 0) {
            requireDeltaBases(m, orgLabel);
        }
        if (missing[0] > 0) {
            ManifestHeader h = m.header();
            String base = h.baseExportId() != null ? "base export " + h.baseExportId() : h.baseSince() != null
                    ? "the exports before " + h.baseSince() : h.baseReceipt() != null ? h.baseReceipt() + " (it lists blobs "
                    + "this server does not hold)" : "no base";
            throw new FerryException(ErrorCode.IMPORT_BASE_MISSING, io.ferry.common.Words.count(missing[0], "unit") + " of this bundle, e.g. "
                    + String.join(", ", examples) + ", name blobs the bundle does not carry and this server does not hold. "
                    + "It is an incremental relative to " + base + " of server '" + h.sourceServerName()
                    + "' (id " + ImportSignature.shortId(h.sourceServerId()) + "): import that content into organization '" + orgLabel + "' first; nothing was changed.", "path");
        }
    }

    /** Every base a carried delta copies chunks from must be held here (unless the delta's blob already is). */
    void requireDeltaBases(Manifest m, String orgLabel) {
        long[] missing = {0};
        String[][] example = {null};
        m.index().forEachDeltaBase((blob, base) -> {
            if (!store.exists(base) && !store.exists(blob)) {
                missing[0]++;
                if (example[0] == null) {
                    example[0] = new String[] {blob, base};
                }
            }
        });
        if (missing[0] == 0) {
            return;
        }
        ManifestHeader h = m.header();
        String base = h.baseExportId() != null ? "base export " + h.baseExportId() : h.baseSince() != null
                ? "the exports before " + h.baseSince() : h.baseReceipt() != null ? h.baseReceipt() : "its base";
        throw new FerryException(ErrorCode.IMPORT_BASE_MISSING, "Blob " + example[0][0] + " is carried as a delta whose chunks come "
                + "from blob " + example[0][1] + ", which this server does not hold (" + io.ferry.common.Words.count(missing[0], "base")
                + " missing in all). That blob is part of " + base + " of server '" + h.sourceServerName() + "' (id "
                + ImportSignature.shortId(h.sourceServerId()) + "): import it into organization '" + orgLabel + "' first, or export "
                + "again with deltas off (ferry.delta.enabled=false on the source); nothing was changed.", "path");
    }

    /** Bytes of carried blobs not yet stored here. */
    public long bytesToStore(Manifest m) {
        long[] total = {0};
        m.index().forEachBlob(b -> {
            if (!store.exists(b.sha256())) {
                total[0] += b.size();
            }
        });
        return total[0];
    }

    public void requireSpace(long bytes) {
        long usable;
        try {
            usable = Files.getFileStore(store.root()).getUsableSpace();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot read the free space of " + store.root() + ": " + e.getMessage(), e);
        }
        if (bytes + SPACE_MARGIN > usable) {
            throw new FerryException(ErrorCode.STORAGE_FULL, "The import needs " + bytes + " bytes (plus a margin of " + SPACE_MARGIN
                    + ") in the blob store at " + store.root() + " but only " + usable + " are free. Free space or move "
                    + "FERRY_DATA_DIR to a larger disk; nothing was changed.");
        }
    }

    /** Labels the bundle would take that exist here as something else. */
    @Transactional
    public void requireNoConflicts(long orgId, String orgLabel, Manifest m) {
        for (Manifest.Repo r : m.repositories()) {
            try {
                types.require(r.contentType());
            } catch (FerryException e) {
                throw new FerryException(ErrorCode.IMPORT_CONFLICT, "Repository '" + r.path() + "' has content type '"
                        + r.contentType() + "', which this server does not know. Upgrade this server.", "path");
            }
            String type = Sql.work(em, c -> Sql.firstString(c, "select r.content_type from repository r join product p on "
                    + "p.id = r.product_id where p.organization_id = ? and p.label = ? and r.label = ?", orgId, r.productLabel(),
                    r.label()));
            if (type != null && !type.equals(r.contentType())) {
                throw new FerryException(ErrorCode.IMPORT_CONFLICT, "Organization '" + orgLabel + "' has a repository '" + r.path()
                        + "' of content type '" + type + "'; the bundle's repository of that label holds '" + r.contentType()
                        + "'. Rename or remove the existing repository, or import into another organization.", "path");
            }
        }
        ManifestHeader h = m.header();
        if (!"content_view_version".equals(h.scopeKind())) {
            return;
        }
        Map<?, ?> cv = (Map<?, ?>) h.scope().get("contentView");
        String label = String.valueOf(cv.get("label"));
        Object[] existing = Sql.work(em, c -> {
            try (var ps = c.prepareStatement("select id, import_only from content_view where organization_id = ? and label = ?")) {
                Sql.bind(ps, orgId, label);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getLong(1), rs.getBoolean(2)} : null;
                }
            }
        });
        if (existing == null) {
            return;
        }
        if (!(Boolean) existing[1]) {
            throw new FerryException(ErrorCode.IMPORT_CONFLICT, "Organization '" + orgLabel + "' has a content view '" + label
                    + "' that is not import-only: imported versions go only into import-only content views. Rename it, or "
                    + "import into another organization.", "path");
        }
        long major = ((Number) cv.get("major")).longValue();
        long minor = ((Number) cv.get("minor")).longValue();
        long[] n = Sql.work(em, c -> Sql.longs(c, "select count(*) from content_view_version where content_view_id = ? and major = ? "
                + "and minor = ?", existing[0], major, minor));
        if (n[0] > 0) {
            throw new FerryException(ErrorCode.IMPORT_CONFLICT, "Content view '" + label + "' of organization '" + orgLabel
                    + "' already has version " + major + "." + minor + ", imported from another export. Delete that version "
                    + "first if this bundle should replace it.", "path");
        }
    }
}
