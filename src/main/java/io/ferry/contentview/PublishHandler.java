package io.ferry.contentview;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.lifecycle.LifecycleEnvironmentService;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes a content view (task type {@value #TYPE}): in one transaction, a new version {@code N.0}
 * pins the latest version of each of its repositories and becomes what Library holds. The cost is a
 * few statements per content view, whatever the number of units: versions pin, they never copy.
 */
@ApplicationScoped
public class PublishHandler implements TaskHandler {
    public static final String TYPE = "contentview.publish";

    @Inject
    EntityManager em;
    @Inject
    ContentViewRepository views;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    LifecycleEnvironmentService lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> run(TaskContext ctx) {
        long cvId = ((Number) ctx.params().get("contentViewId")).longValue();
        String description = (String) ctx.params().get("description");
        ctx.step("publishing");
        return QuarkusTransaction.requiringNew().call(() -> {
            ContentViewEntity cv = views.getEntityManager().find(ContentViewEntity.class, cvId,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (cv == null) {
                throw new FerryException(ErrorCode.CONTENT_VIEW_NOT_FOUND, "The content view was deleted before it was published.",
                        "contentView");
            }
            ContentViewVersionService.requirePublishable(cv);
            int major = ((Number) em.createNativeQuery("select coalesce(max(major), 0) + 1 from content_view_version "
                    + "where content_view_id = ?1").setParameter(1, cvId).getSingleResult()).intValue();
            Object[] totals = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(v.unit_count), 0), "
                    + "coalesce(sum(v.total_size), 0) from content_view_repository c join repository r on r.id = c.repository_id "
                    + "join repository_version v on v.repository_id = r.id and v.number = r.latest_version "
                    + "where c.content_view_id = ?1").setParameter(1, cvId).getSingleResult();
            long versionId = ((Number) em.createNativeQuery("insert into content_view_version (content_view_id, major, minor, "
                    + "description, unit_count, total_size, created_by) values (?1, ?2, 0, ?3, ?4, ?5, ?6) returning id")
                    .setParameter(1, cvId).setParameter(2, major).setParameter(3, description)
                    .setParameter(4, ((Number) totals[1]).longValue()).setParameter(5, ((Number) totals[2]).longValue())
                    .setParameter(6, ctx.user()).getSingleResult()).longValue();
            em.createNativeQuery("insert into content_view_version_repository (content_view_version_id, repository_id, "
                    + "repository_version) select ?1, r.id, r.latest_version from content_view_repository c join repository r "
                    + "on r.id = c.repository_id where c.content_view_id = ?2").setParameter(1, versionId).setParameter(2, cvId)
                    .executeUpdate();
            lifecycle.hold(environments.library(cv.organizationId).id, cvId, versionId, ctx.user());
            ctx.addUnits(((Number) totals[1]).longValue());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("contentViewId", cvId);
            result.put("contentView", cv.label);
            result.put("version", major + ".0");
            result.put("versionId", versionId);
            result.put("repositories", ((Number) totals[0]).longValue());
            result.put("units", ((Number) totals[1]).longValue());
            result.put("totalSize", ((Number) totals[2]).longValue());
            return result;
        });
    }
}
