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
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Promotes a content view version to environments (task type {@value #TYPE}) in one transaction,
 * checking the path order again under the content view's lock. Each environment then holds that
 * version in place of the one it held; nothing is copied.
 */
@ApplicationScoped
public class PromoteHandler implements TaskHandler {
    public static final String TYPE = "contentview.promote";

    @Inject
    ContentViewRepository views;
    @Inject
    ContentViewVersionService versions;
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
        long versionId = ((Number) ctx.params().get("versionId")).longValue();
        List<Long> targets = new ArrayList<>();
        for (Object o : (List<?>) ctx.params().get("environmentIds")) {
            targets.add(((Number) o).longValue());
        }
        boolean force = Boolean.TRUE.equals(ctx.params().get("force"));
        ctx.step("promoting");
        return QuarkusTransaction.requiringNew().call(() -> {
            ContentViewEntity cv = views.getEntityManager().find(ContentViewEntity.class, cvId, LockModeType.PESSIMISTIC_WRITE);
            if (cv == null) {
                throw new FerryException(ErrorCode.CONTENT_VIEW_NOT_FOUND, "The content view was deleted before the promotion ran.",
                        "contentView");
            }
            ContentViewDtos.VersionView version = versions.view(versionId);
            versions.checkPromotion(cv, versionId, targets, force);
            List<String> labels = new ArrayList<>();
            for (Long envId : targets) {
                lifecycle.hold(envId, cvId, versionId, ctx.user());
                labels.add(environments.findById(envId).label);
                ctx.addUnits(1);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("contentViewId", cvId);
            result.put("contentView", cv.label);
            result.put("version", version.version());
            result.put("environments", labels);
            return result;
        });
    }
}
