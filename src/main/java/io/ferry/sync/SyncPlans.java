package io.ferry.sync;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.security.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/** Sync plans: one per organization that follows an upstream; create, show, list, update, delete. */
@ApplicationScoped
public class SyncPlans {
    static final int MAX_LIST = 1000;
    static final String COLUMNS = "o.label, p.cron, p.random_delay_seconds, p.enabled, p.next_run_at, p.last_run_at, "
            + "p.last_task_id::text, p.last_state, p.last_error, p.last_success_at, p.updated_by, p.updated_at";

    @Inject
    EntityManager em;
    @Inject
    OrganizationRepository organizations;
    @Inject
    UpstreamConfigs configs;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public SyncDtos.PlanView save(String orgRef, SyncDtos.PlanRequest req, boolean create) {
        OrganizationEntity org = organizations.require(orgRef);
        requireWhole(org);
        configs.require(org.id, org.label);
        SyncDtos.PlanView existing = find(org.id);
        if (create && existing != null) {
            throw new FerryException(ErrorCode.CONFLICT, "Organization '" + org.label + "' has a sync plan already; change it with "
                    + "ferry sync-plan update --organization " + org.label + ".", "cron");
        }
        if (!create && existing == null) {
            throw notFound(org.label);
        }
        String cron = req == null || req.cron() == null ? existing == null ? null : existing.cron() : req.cron().trim();
        int delay = req == null || req.randomDelaySeconds() == null ? existing == null ? 0 : existing.randomDelaySeconds()
                : req.randomDelaySeconds();
        boolean enabled = req == null || req.enabled() == null ? existing == null || existing.enabled() : req.enabled();
        if (delay < 0 || delay > 86_400) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "randomDelaySeconds must be 0-86400 (--random-delay up to 24h).",
                    "randomDelaySeconds");
        }
        Schedules.parse(cron);
        OffsetDateTime next = enabled ? Schedules.next(cron, delay, ZonedDateTime.now()).toOffsetDateTime() : null;
        Sql.work(em, c -> Sql.update(c, "insert into sync_plan (organization_id, cron, random_delay_seconds, enabled, next_run_at, "
                + "updated_by) values (?, ?, ?, ?, ?, ?) on conflict (organization_id) do update set cron = excluded.cron, "
                + "random_delay_seconds = excluded.random_delay_seconds, enabled = excluded.enabled, next_run_at = "
                + "excluded.next_run_at, updated_by = excluded.updated_by, updated_at = now()", org.id, cron, delay, enabled, next,
                currentUser.username()));
        return find(org.id);
    }

    @Transactional
    public SyncDtos.PlanView get(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        SyncDtos.PlanView v = find(org.id);
        if (v == null) {
            throw notFound(org.label);
        }
        return v;
    }

    @Transactional
    public List<SyncDtos.PlanView> list() {
        return Sql.work(em, c -> Sql.rows(c, "select " + COLUMNS + " from sync_plan p join organization o on o.id = "
                + "p.organization_id order by o.label limit " + MAX_LIST, SyncPlans::view));
    }

    @Transactional
    public void delete(String orgRef) {
        OrganizationEntity org = organizations.require(orgRef);
        requireWhole(org);
        if (Sql.work(em, c -> Sql.update(c, "delete from sync_plan where organization_id = ?", org.id)) == 0) {
            throw notFound(org.label);
        }
    }

    SyncDtos.PlanView find(long orgId) {
        List<SyncDtos.PlanView> rows = Sql.work(em, c -> Sql.rows(c, "select " + COLUMNS + " from sync_plan p join organization o "
                + "on o.id = p.organization_id where p.organization_id = ?", SyncPlans::view, orgId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    static SyncDtos.PlanView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SyncDtos.PlanView(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getString(11), rs.getObject(12, OffsetDateTime.class));
    }

    private static FerryException notFound(String org) {
        return new FerryException(ErrorCode.SYNC_PLAN_NOT_FOUND, "Organization '" + org + "' has no sync plan. Create one: ferry "
                + "sync-plan create --organization " + org + " --cron '0 2 * * *'", "organization");
    }

    /** A sync plan runs upstream syncs, which a narrowed importer may not run (it cannot choose what they bring). */
    private void requireWhole(OrganizationEntity org) {
        currentUser.requireWholeOrganization(Permission.IMPORT_CONTENT, org.id, org.label, "a sync plan runs upstream syncs, "
                + "which import whatever the upstream sends");
    }
}
