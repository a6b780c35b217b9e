package io.ferry.sync;

import io.ferry.common.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * {@code /q/health} reports sync plans (a wellness check: in {@code /q/health} and {@code /q/health/well}, never in
 * readiness, so a failing sync never takes the server out of a load balancer while it still serves content): DOWN,
 * naming each organization and why, when an enabled plan's last sync failed (also while the next run is under way: a plan
 * that fails and retries does not flicker UP) or its run is overdue by more than
 * {@code ferry.sync.overdue-after}; the check Nagios and Prometheus read.
 */
@Wellness
@ApplicationScoped
public class SyncPlanHealth implements HealthCheck {
    static final String NAME = "ferry-sync-plans";

    @Inject
    EntityManager em;
    @Inject
    SyncConfig config;

    @Override
    public HealthCheckResponse call() {
        long overdueSeconds = config.overdueAfter().toSeconds();
        List<String[]> bad = QuarkusTransaction.requiringNew().call(() -> Sql.work(em, c -> Sql.rows(c, "select o.label, case when "
                + "p.last_state in ('failed', 'canceled') then 'last sync ' || p.last_state || coalesce(': ' || left(p.last_error, "
                + "300), '') when p.last_error is not null then 'last sync failed (a new run is under way): ' || left(p.last_error, "
                + "300) else 'overdue since ' || p.next_run_at end from sync_plan p join organization o on o.id = "
                + "p.organization_id where p.enabled and (p.last_state in ('failed', 'canceled') or p.last_error is not null or "
                + "p.next_run_at < now() - "
                + "make_interval(secs => ?)) order by o.label limit 20", rs -> new String[] {rs.getString(1), rs.getString(2)},
                overdueSeconds)));
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (bad.isEmpty()) {
            return b.up().build();
        }
        b.down();
        for (String[] r : bad) {
            b.withData(r[0], r[1]);
        }
        return b.build();
    }
}
