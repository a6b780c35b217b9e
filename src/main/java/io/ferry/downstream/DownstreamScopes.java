package io.ferry.downstream;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Sql;
import io.ferry.contentview.ContentViewRepository;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/** A downstream's scope as the API names it (labels or ids), resolved to rows, and stored as its role assignments. */
@ApplicationScoped
class DownstreamScopes {
    static final int MAX_ENTRIES = 1000;
    /** The built-in role every downstream holds in its scope (migration V019). */
    static final String ROLE = "Downstream Server";

    @Inject
    OrganizationRepository organizations;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    ContentViewRepository contentViews;
    @Inject
    EntityManager em;

    /** One stored row: an organization, optionally narrowed to an environment or a content view. */
    record Resolved(long organizationId, Long environmentId, Long contentViewId) {
    }

    List<Resolved> resolve(List<DownstreamDtos.ScopeEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Give the organizations the downstream may read and export "
                    + "(--organization ORG, optionally --lifecycle-environment or --content-view).", "scope");
        }
        List<Resolved> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DownstreamDtos.ScopeEntry e = entries.get(i);
            if (e == null || e.organization() == null) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "Each scope entry names an organization.", "scope[" + i + "]");
            }
            OrganizationEntity org = organizations.require(e.organization());
            List<String> envs = e.lifecycleEnvironments() == null ? List.of() : e.lifecycleEnvironments();
            List<String> cvs = e.contentViews() == null ? List.of() : e.contentViews();
            if (envs.isEmpty() && cvs.isEmpty()) {
                out.add(new Resolved(org.id, null, null));
            }
            for (String env : envs) {
                out.add(new Resolved(org.id, environments.require(org.id, env).id, null));
            }
            for (String cv : cvs) {
                out.add(new Resolved(org.id, null, contentViews.require(org.id, cv).id));
            }
            if (out.size() > MAX_ENTRIES) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "A scope has at most " + MAX_ENTRIES + " entries.", "scope");
            }
        }
        return out;
    }

    /**
     * The downstream's role assignments become exactly the scope: the built-in role 'Downstream Server' in each
     * organization, one assignment per entry (an environment or a content view narrows it), so what it may reach is
     * decided by the same rules as a user's roles.
     */
    void replace(long downstreamId, List<Resolved> scope) {
        Sql.work(em, c -> {
            Sql.update(c, "delete from role_assignment where downstream_id = ?", downstreamId);
            try (var ps = c.prepareStatement("insert into role_assignment (downstream_id, role_id, organization_id, environments, "
                    + "content_views) values (?, (select id from role where name = '" + ROLE + "' and builtin), ?, ?, ?)")) {
                for (Resolved r : scope) {
                    ps.setLong(1, downstreamId);
                    ps.setLong(2, r.organizationId());
                    ps.setArray(3, c.createArrayOf("bigint", r.environmentId() == null ? new Long[0] : new Long[] {r.environmentId()}));
                    ps.setArray(4, c.createArrayOf("bigint", r.contentViewId() == null ? new Long[0] : new Long[] {r.contentViewId()}));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
