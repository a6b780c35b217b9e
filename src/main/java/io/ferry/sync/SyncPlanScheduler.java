package io.ferry.sync;

import io.ferry.common.Sql;
import io.ferry.imports.ImportHandler;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Fires due sync plans: every check (30 s, {@code ferry.sync.plan-check-interval}) it records how the plans'
 * last tasks ended (one set-based update), then submits a sync for each enabled plan whose next run has come and
 * whose previous sync is not still running, and computes its next run. A run missed while the server was down
 * comes due at the first check after start, once. Each organization's last success is a gauge at /q/metrics.
 */
@ApplicationScoped
public class SyncPlanScheduler {
    private static final Logger LOG = Logger.getLogger(SyncPlanScheduler.class);

    @Inject
    EntityManager em;
    @Inject
    TaskService tasks;
    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    private record Due(long orgId, String org, String cron, int delay) {
    }

    @Scheduled(every = "${ferry.sync.plan-check-interval:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        QuarkusTransaction.requiringNew().run(this::recordOutcomes);
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> Sql.work(em, c -> Sql.rows(c, "select p.organization_id, "
                + "o.label, p.cron, p.random_delay_seconds from sync_plan p join organization o on o.id = p.organization_id where "
                + "p.enabled and p.next_run_at <= now() and not exists (select 1 from task t where t.id = p.last_task_id and t.state "
                + "in ('waiting', 'running')) order by p.next_run_at limit 100", rs -> new Due(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getInt(4)))));
        for (Due d : due) {
            try {
                QuarkusTransaction.requiringNew().run(() -> fire(d));
            } catch (RuntimeException e) {
                LOG.warnf("Sync plan of organization %s could not start: %s", d.org(), e.getMessage());
            }
        }
    }

    private void fire(Due d) {
        TaskView t = tasks.submit(UpstreamSyncHandler.TYPE, Map.of("organizationId", d.orgId()), List.of(ImportHandler.LOCK,
                "sync:" + d.orgId()), "sync-plan");
        OffsetDateTime next = Schedules.next(d.cron(), d.delay(), ZonedDateTime.now()).toOffsetDateTime();
        Sql.work(em, c -> Sql.update(c, "update sync_plan set last_run_at = now(), last_task_id = ?, last_state = 'waiting', "
                + "next_run_at = ? where organization_id = ?", t.id(), next, d.orgId()));
        LOG.infof("Sync plan of organization %s started task %s; next run %s", d.org(), t.id(), next);
    }

    private void recordOutcomes() {
        Sql.work(em, c -> Sql.update(c, "update sync_plan p set last_state = t.state, last_error = t.error->>'detail', "
                + "last_success_at = case when t.state = 'completed' then t.finished_at else p.last_success_at end from task t "
                + "where t.id = p.last_task_id and p.last_state is distinct from t.state"));
        for (Object[] r : Sql.work(em, c -> Sql.rows(c, "select o.label, extract(epoch from p.last_success_at) from sync_plan p "
                + "join organization o on o.id = p.organization_id where p.last_success_at is not null", rs -> new Object[] {
                rs.getString(1), rs.getDouble(2)}))) {
            lastSuccess.computeIfAbsent((String) r[0], org -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("ferry.sync.last.success", v, AtomicLong::get).description("When the organization's sync plan last "
                        + "completed a sync (Unix seconds)").baseUnit("seconds").tag("organization", org).register(registry);
                return v;
            }).set((long) (double) (Double) r[1]);
        }
    }
}
