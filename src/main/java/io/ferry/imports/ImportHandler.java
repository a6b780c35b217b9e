package io.ferry.imports;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.imports.bundle.Bundle;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.Volume;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.storage.BlobStore;
import io.ferry.task.TaskCanceledException;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an import (task type {@value #TYPE}): opens and checks the bundle again, records the attempt,
 * streams every volume's blobs into the store (verified), then applies everything to the database in
 * one transaction. A failure or cancelation marks the record failed and changes no content.
 */
@ApplicationScoped
public class ImportHandler implements TaskHandler {
    public static final String TYPE = "import.run";
    /** The task lock every import holds: one import at a time per server. */
    public static final String LOCK = ImportService.LOCK;

    @Inject
    ImportService service;
    @Inject
    ImportHistory history;
    @Inject
    ImportApplier applier;
    @Inject
    OrganizationRepository organizations;
    @Inject
    BlobStore store;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) {
        Map<String, Object> p = ctx.params();
        long orgId = ((Number) p.get("organizationId")).longValue();
        OrganizationEntity org = organizations.requireForTask(orgId, "the import");
        List<Long> envIds = new ArrayList<>();
        for (Object o : (List<?>) p.get("environmentIds")) {
            envIds.add(((Number) o).longValue());
        }
        return importBundle(ctx, org, Path.of((String) p.get("path")), (String) p.get("kind"), envIds);
    }

    /**
     * Imports the bundle at {@code path} into {@code org} within the calling task: every import rule (signature policy
     * included), verified blobs, one transaction. Upstream sync calls it with the bundle it received, so media and
     * network share one reader and one set of checks. The caller holds the import lock ({@link #LOCK}).
     */
    public Map<String, Object> importBundle(TaskContext ctx, OrganizationEntity org, Path path, String kind, List<Long> envIds) {
        return importBundle(ctx, org, path, kind, envIds, h -> { });
    }

    /**
     * As {@link #importBundle(TaskContext, OrganizationEntity, Path, String, List)}, after {@code expect} accepted the
     * manifest's header (a sync checks it is what it asked its upstream for); {@code expect} throws to refuse, before
     * anything is recorded or stored.
     */
    public Map<String, Object> importBundle(TaskContext ctx, OrganizationEntity org, Path path, String kind, List<Long> envIds,
                                            java.util.function.Consumer<io.ferry.imports.bundle.ManifestHeader> expect) {
        ctx.step("checking");
        ImportRules.State s = service.prepare(org, path, kind);
        try (Bundle b = s.bundle) {
            Manifest m = b.manifest();
            expect.accept(m.header());
            ImportDtos.AlreadyImported already = s.already;
            if (already != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("outcome", already.outcome());
                r.put("message", already.message());
                r.put("importId", already.previous().id());
                return r;
            }
            long recordId = history.start(org.id, path.toString(), b.kind(), m, ctx.taskId(), ctx.user());
            BlobIngest ingest = new BlobIngest(m, store, new BlobIngest.Progress() {
                @Override
                public void bytes(long n) {
                    ctx.addBytes(n);
                }

                @Override
                public void checkCanceled() {
                    ctx.checkCanceled();
                }
            });
            try (ingest) {
                ctx.totals(m.units(), m.carriedBytes());
                for (Map.Entry<Integer, Bundle.Located> v : b.volumes().entrySet()) {
                    ctx.step("verifying volume " + b.volumeLabel(v.getKey()) + " of " + m.volumes());
                    try (Volume volume = b.openVolume(v.getKey())) {
                        ingest.ingest(v.getKey(), volume);
                    }
                }
                ctx.step("applying");
                ctx.checkCanceled();
                ingest.flush();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("outcome", "imported");
                result.put("importId", recordId);
                result.put("exportId", m.header().exportId());
                result.put("sourceServer", m.header().sourceServerName());
                result.put("blobsStored", ingest.blobsStored);
                result.put("blobsAlreadyPresent", ingest.blobsPresent);
                result.put("bytesStored", ingest.bytesStored);
                result.putAll(applier.apply(org.id, org.label, m, envIds, recordId, ctx.user(), ingest.blobsStored,
                        ingest.bytesStored));
                ctx.addUnits(m.units());
                return result;
            } catch (TaskCanceledException e) {
                history.fail(recordId, ingest.blobsStored, ingest.bytesStored, ErrorCode.TASK_CANCELED.code(),
                        "Canceled on request; nothing was applied. Blobs verified so far stay stored and are not read again.");
                throw e;
            } catch (FerryException e) {
                history.fail(recordId, ingest.blobsStored, ingest.bytesStored, e.errorCode().code(), e.getMessage());
                throw e;
            } catch (IOException | RuntimeException e) {
                history.fail(recordId, ingest.blobsStored, ingest.bytesStored, ErrorCode.INTERNAL.code(), String.valueOf(e));
                throw e instanceof RuntimeException re ? re : new FerryException(ErrorCode.IMPORT_CORRUPT, "Reading the bundle failed: "
                        + e.getMessage(), e);
            }
        }
    }
}
