package io.ferry.imports;

import io.ferry.imports.bundle.Bundle;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import io.ferry.organization.OrganizationEntity;
import java.nio.file.Path;
import java.util.List;

/**
 * The one ordered list of rules a bundle must pass to be imported. The check ({@link ImportCheck}) runs
 * every rule and reports each; the import (submission and task) runs the same rules and stops at the
 * first refusal. So a bundle the check passes is never refused by the import for a rule the check knows,
 * and an export imported before ends both at {@code already-imported} with nothing more to do.
 */
final class ImportRules {
    /** What the rules learn while they run; the caller closes {@link #bundle}. */
    static final class State {
        final OrganizationEntity org;
        final Path path;
        final String kind;
        Bundle bundle;
        ImportDtos.AlreadyImported already;
        Long bytesToStore;

        State(OrganizationEntity org, Path path, String kind) {
            this.org = org;
            this.path = path;
            this.kind = kind;
        }

        Manifest manifest() {
            return bundle == null ? null : bundle.manifest();
        }
    }

    @FunctionalInterface
    interface Step {
        /** Throws a problem to refuse; answers what was found ({@code "warning: ..."} for a warning). */
        String run(State s);
    }

    /**
     * A rule: {@code hard} rules stop the check (later rules need what they read); {@code checkOnly} rules
     * are reported by the check only (the import verifies every blob as it reads it anyway).
     */
    record Rule(String name, boolean hard, boolean checkOnly, Step step) {
    }

    /** Name of the rule after which an import of an already imported export has nothing left to do. */
    static final String ALREADY_IMPORTED = "already-imported";

    private ImportRules() {
    }

    static List<Rule> all(ImportService service, ImportPlanner planner, boolean verifyChecksums) {
        return List.of(
                new Rule("location", true, false, s -> {
                    s.bundle = Bundle.locate(s.path);
                    return io.ferry.common.Words.count(s.bundle.candidates().size(), "volume file or tree") + " found in " + s.path + ".";
                }),
                new Rule("volumes-belong", true, false, s -> {
                    s.bundle.readMarkers(service.limits(), service.store);
                    return io.ferry.common.Words.count(s.bundle.volumes().size(), "volume") + " of export " + s.bundle.marker().exportId() + " of server "
                            + s.bundle.marker().sourceServerId() + "; every manifest matches the digest in its volume marker.";
                }),
                new Rule("manifest", true, false, s -> {
                    s.bundle.scan(service.limits(), service.store, service.types::find);
                    Manifest m = s.manifest();
                    return "Format version " + m.header().formatVersion() + ", " + io.ferry.common.Words.count(m.repositories().size(),
                            "repository") + ", " + io.ferry.common.Words.count(m.units(), "unit") + ", " + io.ferry.common.Words.count(
                            m.blobs(), "blob") + " carried (" + io.ferry.common.Words.bytes(m.carriedBytes()) + "); every "
                            + "value obeys the API's rules and the limits.";
                }),
                new Rule("signature", false, false, s -> service.signature.check(s.org, s.bundle)),
                new Rule("kind", true, false, s -> {
                    ImportPlanner.requireKind(s.kind, s.manifest().header());
                    return "The bundle holds " + s.manifest().header().scopeDescription() + ".";
                }),
                new Rule("volumes-present", false, false, s -> {
                    s.bundle.requireAllVolumes();
                    return s.bundle.marker().volumes() == 1 ? "The volume is present." : "All " + s.bundle.marker().volumes() + " volumes are present.";
                }),
                new Rule("volume-checksums", false, true, s -> {
                    if (!verifyChecksums) {
                        return "warning: Not verified (verifyChecksums=false); every blob is still verified during the import.";
                    }
                    if (!s.bundle.hasVolumeList()) {
                        return "warning: No volumes.json beside the volumes, so volume files cannot be checked as a whole; "
                                + "every blob is still verified during the import.";
                    }
                    int n = s.bundle.verifyVolumeChecksums(k -> { });
                    return n + " volume file(s) match the SHA-256 in volumes.json.";
                }),
                new Rule(ALREADY_IMPORTED, false, false, s -> {
                    s.already = service.alreadyImported(s.org, s.manifest());
                    return s.already == null ? "Not imported into organization '" + s.org.label + "' before."
                            : "warning: " + s.already.message();
                }),
                new Rule("base", false, false, s -> {
                    ManifestHeader h = s.manifest().header();
                    planner.requireBase(s.org.id, s.org.label, h);
                    return !h.incremental() ? "A complete export: no base needed."
                            : h.baseExportId() != null ? "Base export " + h.baseExportId() + " was imported here."
                            : "Relative to " + (h.baseReceipt() != null ? h.baseReceipt() : h.baseSince()) + "; see blobs-available.";
                }),
                new Rule("labels", false, false, s -> {
                    planner.requireNoConflicts(s.org.id, s.org.label, s.manifest());
                    return "No label conflicts in organization '" + s.org.label + "'.";
                }),
                new Rule("blobs-available", false, false, s -> {
                    planner.requireBlobsAvailable(s.manifest(), s.org.label);
                    return "Every unit's blob is carried or already stored here.";
                }),
                new Rule("free-space", false, false, s -> {
                    s.bytesToStore = planner.bytesToStore(s.manifest());
                    planner.requireSpace(s.bytesToStore);
                    return s.bytesToStore + " bytes to store; enough free space in the blob store.";
                }));
    }

    /**
     * Runs every rule the import needs, throwing the first refusal; stops early when the export was imported
     * before ({@link State#already}). On a refusal the bundle is closed.
     */
    static State enforce(List<Rule> rules, State s) {
        try {
            for (Rule r : rules) {
                if (r.checkOnly()) {
                    continue;
                }
                r.step().run(s);
                if (s.already != null) {
                    break;
                }
            }
            return s;
        } catch (RuntimeException e) {
            if (s.bundle != null) {
                s.bundle.close();
            }
            throw e;
        }
    }
}
