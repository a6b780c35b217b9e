package io.ferry.export;

import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an export as a task (type {@value #TYPE}) with byte-level progress and cancelation. */
@ApplicationScoped
public class ExportHandler implements TaskHandler {
    public static final String TYPE = "export.run";

    @Inject
    io.ferry.receipt.Receipts receipts;
    @Inject
    OrganizationRepository organizations;
    @Inject
    ScopeResolver resolver;
    @Inject
    ExportRunner runner;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) {
        Map<String, Object> p = ctx.params();
        ExportScope[] scope = new ExportScope[1];
        ExportBase[] base = new ExportBase[1];
        QuarkusTransaction.requiringNew().run(() -> {
            OrganizationEntity org = organizations.findById(((Number) p.get("organizationId")).longValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> ids = (Map<String, Object>) p.get("scope");
            scope[0] = resolver.resolve(org, new ExportDtos.Scope((String) p.get("scopeKind"), str(ids.get("contentViewId")),
                    ids.get("contentViewVersionId") == null ? null : versionOf(ids), null, str(ids.get("productId")), str(ids.get("repositoryId")),
                    ids.get("repositoryVersion") == null ? null : ((Number) ids.get("repositoryVersion")).intValue()));
            if (p.get("environment") != null) {
                Map<String, Object> labels = new LinkedHashMap<>(scope[0].labels());
                labels.put("environment", p.get("environment"));
                scope[0] = new ExportScope(scope[0].kind(), scope[0].organizationId(), scope[0].organizationLabel(), scope[0].key(),
                        scope[0].slug(), labels, scope[0].ids(), scope[0].reposSql(), scope[0].params());
            }
            if (p.get("receiptId") != null) {
                base[0] = ExportBase.ofReceipt(receipts.require(scope[0].organizationId(), ((Number) p.get("receiptId")).longValue(),
                        null));
            } else if (p.get("since") != null) {
                base[0] = ExportBase.since(ScopeResolver.parseSince((String) p.get("since")), scope[0]);
            } else if (p.get("baseExportId") != null) {
                base[0] = resolver.base(scope[0], ((Number) p.get("baseExportId")).longValue(), null, (String) p.get("destination"),
                        null, null);
            }
        });
        ExportJob job = new ExportJob((String) p.get("destination"), (String) p.get("format"), (String) p.get("compression"),
                p.get("volumeSize") == null ? null : ((Number) p.get("volumeSize")).longValue(),
                p.get("path") == null ? null : Path.of((String) p.get("path")), Boolean.TRUE.equals(p.get("link")));
        return runner.run(scope[0], base[0], job, ctx.user(), ctx.taskId(), new ExportRunner.Monitor() {
            @Override
            public void step(String step) {
                ctx.step(step);
            }

            @Override
            public void phase(String step, long units, long bytes) {
                ctx.phase(step, units, bytes);
            }

            @Override
            public void units(long n) {
                ctx.addUnits(n);
            }

            @Override
            public void bytes(long n) {
                ctx.addBytes(n);
            }

            @Override
            public void checkCanceled() {
                ctx.checkCanceled();
            }
        });
    }

    private String versionOf(Map<String, Object> ids) {
        long cvvId = ((Number) ids.get("contentViewVersionId")).longValue();
        return (String) organizations.getEntityManager().createNativeQuery("select major || '.' || minor from content_view_version "
                + "where id = ?1").setParameter(1, cvvId).getSingleResult();
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
