package io.ferry.imports;

import io.ferry.common.FerryException;
import io.ferry.imports.bundle.Bundle;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.organization.OrganizationEntity;
import io.ferry.storage.BlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The import check: every stage of an import that reads no blob, each reported on its own with a
 * message an operator can act on. A failed stage marks the stages that depend on it as skipped.
 */
final class ImportCheck {
    private final ImportService service;
    private final ImportPlanner planner;
    private final BlobStore store;
    private final OrganizationEntity org;
    private final Path path;
    private final boolean verifyChecksums;
    private final List<ImportDtos.Check> checks = new ArrayList<>();
    private boolean failed;

    ImportCheck(ImportService service, ImportPlanner planner, BlobStore store, OrganizationEntity org, Path path,
                boolean verifyChecksums) {
        this.service = service;
        this.planner = planner;
        this.store = store;
        this.org = org;
        this.path = path;
        this.verifyChecksums = verifyChecksums;
    }

    private interface Stage {
        String run();
    }

    /** Runs a stage: its message on success, the problem's detail and code on failure; skipped after a hard failure. */
    private boolean stage(String name, boolean hard, Stage s) {
        if (failed) {
            checks.add(new ImportDtos.Check("skipped", name, "Not checked: an earlier check failed.", null));
            return false;
        }
        try {
            String msg = s.run();
            checks.add(new ImportDtos.Check(msg != null && msg.startsWith("warning: ") ? "warning" : "ok", name,
                    msg != null && msg.startsWith("warning: ") ? msg.substring(9) : msg, null));
            return true;
        } catch (FerryException e) {
            checks.add(new ImportDtos.Check("failed", name, e.getMessage(), e.errorCode().code()));
            failed |= hard;
            return false;
        }
    }

    ImportDtos.CheckReport run() {
        Bundle[] b = {null};
        try {
            stage("location", true, () -> {
                b[0] = Bundle.locate(path);
                return b[0].candidates().size() + " volume file(s) or tree(s) found in " + path + ".";
            });
            stage("volumes-belong", true, () -> {
                b[0].readMarkers(service.limits(), store);
                return b[0].volumes().size() + " volume(s) of export " + b[0].marker().exportId() + " of server "
                        + b[0].marker().sourceServerId() + "; every manifest matches the digest in its volume marker.";
            });
            stage("manifest", true, () -> {
                b[0].scan(service.limits(), store);
                Manifest m = b[0].manifest();
                return "Format version " + m.header().formatVersion() + ", " + m.repositories().size() + " repositories, "
                        + m.units() + " units, " + m.blobs() + " blobs carried (" + m.carriedBytes() + " bytes), within the limits.";
            });
            boolean allPresent = stage("volumes-present", false, () -> {
                b[0].requireAllVolumes();
                return "All " + b[0].marker().volumes() + " volume(s) are present.";
            });
            stage("volume-checksums", false, () -> {
                if (!verifyChecksums) {
                    return "warning: Not verified (verifyChecksums=false); every blob is still verified during the import.";
                }
                if (!b[0].hasVolumeList()) {
                    return "warning: No volumes.json beside the volumes, so volume files cannot be checked as a whole; every "
                            + "blob is still verified during the import.";
                }
                int n = b[0].verifyVolumeChecksums(k -> { });
                return n + " volume file(s) match the SHA-256 in volumes.json" + (allPresent ? "." : " (the present ones).");
            });
            Manifest m = b[0] == null ? null : b[0].manifest();
            ImportDtos.AlreadyImported[] already = {null};
            stage("already-imported", false, () -> {
                ImportDtos.AlreadyImported a = service.alreadyImported(org, m);
                already[0] = a;
                return a == null ? "Not imported into organization '" + org.label + "' before." : "warning: " + a.message();
            });
            stage("base", false, () -> {
                planner.requireBase(org.id, org.label, m.header());
                ManifestHeader h = m.header();
                return !h.incremental() ? "A complete export: no base needed."
                        : h.baseExportId() != null ? "Base export " + h.baseExportId() + " was imported here."
                        : "Relative to " + h.baseSince() + "; see blobs-available.";
            });
            stage("blobs-available", false, () -> {
                planner.requireBlobsAvailable(m, org.label);
                return "Every unit's blob is carried or already stored here.";
            });
            stage("labels", false, () -> {
                planner.requireNoConflicts(org.id, org.label, m);
                return "No label conflicts in organization '" + org.label + "'.";
            });
            long[] toStore = {0};
            stage("free-space", false, () -> {
                toStore[0] = planner.bytesToStore(m);
                planner.requireSpace(toStore[0]);
                return toStore[0] + " bytes to store; enough free space in the blob store.";
            });
            boolean ok = checks.stream().noneMatch(c -> c.status().equals("failed") || c.status().equals("skipped"));
            return new ImportDtos.CheckReport(ok, path.toString(), view(b[0], m == null ? null : toStore[0]), checks,
                    already[0] == null ? null : already[0].previous().id());
        } finally {
            if (b[0] != null) {
                b[0].close();
            }
        }
    }

    private static ImportDtos.BundleView view(Bundle b, Long toStore) {
        if (b == null || b.manifest() == null) {
            return null;
        }
        Manifest m = b.manifest();
        ManifestHeader h = m.header();
        ImportDtos.BaseView base = h.baseExportId() == null && h.baseSince() == null ? null
                : new ImportDtos.BaseView(h.baseExportId(), h.baseManifestSha256(), h.baseSince(), h.baseCreatedAt());
        return new ImportDtos.BundleView(h.sourceServerId(), h.sourceServerName(), h.sourceVersion(), h.exportId(), m.sha256(),
                h.type(), h.createdAt(), h.createdBy(), b.kind(), base, h.scopeKind(), h.scopeDescription(), m.volumes(),
                b.volumes().size(), m.repositories().size(), m.units(), m.blobs(), m.carriedBytes(), toStore);
    }
}
