package io.ferry.imports;

import io.ferry.common.FerryException;
import io.ferry.imports.bundle.Bundle;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.ManifestHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The import check: runs every one of {@link ImportRules} (the same the import runs) and reports each
 * with a message an operator can act on. A failed hard rule marks the rules after it as skipped; an
 * export imported before is reported as such, with the rules after it not needed.
 */
final class ImportCheck {
    private final List<ImportRules.Rule> rules;
    private final ImportRules.State state;
    private final List<ImportDtos.Check> checks = new ArrayList<>();

    ImportCheck(List<ImportRules.Rule> rules, ImportRules.State state) {
        this.rules = rules;
        this.state = state;
    }

    ImportDtos.CheckReport run() {
        boolean stopped = false;
        boolean failed = false;
        try {
            for (ImportRules.Rule r : rules) {
                if (stopped || state.already != null) {
                    checks.add(new ImportDtos.Check("skipped", r.name(), stopped ? "Not checked: an earlier check failed."
                            : "Not needed: this export was imported before; importing it again does nothing.", null));
                    continue;
                }
                try {
                    String msg = r.step().run(state);
                    boolean warning = msg != null && msg.startsWith("warning: ");
                    checks.add(new ImportDtos.Check(warning ? "warning" : "ok", r.name(), warning ? msg.substring(9) : msg, null));
                } catch (FerryException e) {
                    checks.add(new ImportDtos.Check("failed", r.name(), e.getMessage(), e.errorCode().code()));
                    failed = true;
                    stopped = r.hard();
                }
            }
            Bundle b = state.bundle;
            return new ImportDtos.CheckReport(!failed, state.path.toString(), view(b, state.bytesToStore), checks,
                    state.already == null ? null : state.already.previous().id());
        } finally {
            if (state.bundle != null) {
                state.bundle.close();
            }
        }
    }

    private static ImportDtos.BundleView view(Bundle b, Long toStore) {
        if (b == null || b.manifest() == null) {
            return null;
        }
        Manifest m = b.manifest();
        ManifestHeader h = m.header();
        long[] deltas = new long[2]; // blobs carried as deltas, bytes saved
        m.index().forEachBlob(blob -> {
            if (blob.delta()) {
                deltas[0]++;
                deltas[1] += blob.size() - blob.deltaSize();
            }
        });
        ImportDtos.BaseView base = h.baseExportId() == null && h.baseSince() == null ? null
                : new ImportDtos.BaseView(h.baseExportId(), h.baseManifestSha256(), h.baseSince(), h.baseCreatedAt());
        return new ImportDtos.BundleView(h.sourceServerId(), h.sourceServerName(), h.sourceVersion(), h.exportId(), m.sha256(),
                h.type(), h.createdAt(), h.createdBy(), b.kind(), base, h.scopeKind(), h.scopeDescription(), m.volumes(),
                b.volumes().size(), m.repositories().size(), m.units(), m.blobs(), m.carriedBytes(), toStore,
                deltas[0] == 0 ? null : deltas[0], deltas[0] == 0 ? null : deltas[1]);
    }
}
