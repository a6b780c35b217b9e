package io.ferry.audit;

import io.ferry.common.Sql;
import io.ferry.task.TaskFinished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Records how each task ended (an export with its manifest digest, an import, a sync, a publish), in the same transaction. */
@ApplicationScoped
class AuditTasks {
    @Inject
    AuditLog log;
    @Inject
    EntityManager em;

    void onFinished(@Observes TaskFinished t) {
        Object orgId = t.params() == null ? null : t.params().get("organizationId");
        String org = orgId instanceof Number n ? Sql.work(em, c -> Sql.firstString(c, "select label from organization where id = ?",
                n.longValue())) : null;
        Object manifest = t.result() == null ? null : t.result().get("manifestSha256");
        Object code = t.error() == null ? null : t.error().get("code");
        Object detail = t.error() == null ? null : t.error().get("detail");
        log.append(new AuditLog.What(t.createdBy() == null ? "(system)" : t.createdBy(), null, "task." + t.type(), org,
                "task " + t.id(), t.state(), code == null ? null : code + ": " + detail,
                manifest instanceof String s ? s : null));
    }
}
