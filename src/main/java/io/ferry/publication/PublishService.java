package io.ferry.publication;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoLocator;
import io.ferry.contentview.ContentViewEntity;
import io.ferry.contentview.ContentViewRepository;
import io.ferry.lifecycle.LifecycleEnvironmentEntity;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.CurrentUser;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a publication: resolves what to publish to the repository versions it is now (immutable, so the task
 * publishes exactly what was asked for even if a new version appears meanwhile) and queues the task. Publications to
 * one target run one at a time.
 */
@ApplicationScoped
public class PublishService {
    @Inject
    OrganizationRepository organizations;
    @Inject
    PublicationTargets targets;
    @Inject
    RepoLocator repos;
    @Inject
    ContentViewRepository views;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    EntityManager em;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public TaskView publish(String orgRef, String targetName, PublicationDtos.Publish req) {
        OrganizationEntity org = organizations.require(orgRef);
        long targetId = targets.idOf(org.id, targetName);
        List<Map<String, Object>> libraries = new ArrayList<>();
        boolean repoForm = req != null && req.product() != null;
        boolean viewForm = req != null && (req.contentView() != null || req.lifecycleEnvironment() != null);
        if (repoForm == viewForm || repoForm && req.repository() == null || viewForm && (req.contentView() == null
                || req.lifecycleEnvironment() == null)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Publish either a repository (product and repository: 'ferry "
                    + "repository publish-to-target --product P --name R') or what a lifecycle environment holds of a content view "
                    + "(contentView and lifecycleEnvironment: 'ferry content-view publish-to-target --name CV "
                    + "--lifecycle-environment ENV').", repoForm ? "repository" : "contentView");
        }
        if (repoForm) {
            RepoLocator.Located l = repos.locate(org.label, req.product(), req.repository());
            libraries.add(library("Library/custom/" + l.product().label + "/" + l.repository().label, l.repository().id,
                    l.repository().latestVersion, l.repository().contentType, l.repository().label));
        } else {
            LifecycleEnvironmentEntity env = environments.require(org.id, req.lifecycleEnvironment());
            ContentViewEntity cv = views.require(org.id, req.contentView());
            if (env.label.equals(LifecycleEnvironmentEntity.LIBRARY) && cv.label.equals("custom")) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "Content view 'custom' in Library has no /content URL of its "
                        + "own (Library/custom/ is where repositories' latest versions are); publish it from another environment.",
                        "contentView");
            }
            for (Object[] r : heldRepositories(env.id, cv.id, req.repository())) {
                libraries.add(library(env.label + "/" + cv.label + "/" + r[3], ((Number) r[0]).longValue(), ((Number) r[1]).intValue(),
                        (String) r[2], (String) r[3]));
            }
            if (libraries.isEmpty()) {
                throw new FerryException(ErrorCode.CONTENT_NOT_FOUND, "Environment '" + env.label + "' holds no version of content "
                        + "view '" + cv.label + "'" + (req.repository() == null ? "" : " with a repository '" + req.repository() + "'")
                        + "; promote one first (ferry content-view version promote).", "lifecycleEnvironment");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organizationId", org.id);
        params.put("targetId", targetId);
        params.put("libraries", libraries);
        return tasks.submit(PublishToTargetHandler.TYPE, params, List.of("publication-target:" + targetId), currentUser.username());
    }

    private List<Object[]> heldRepositories(long envId, long cvId, String repoLabel) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.id, p.repository_version, r.content_type, r.label from "
                + "environment_content_view h join content_view_version_repository p on p.content_view_version_id = "
                + "h.content_view_version_id join repository r on r.id = p.repository_id where h.environment_id = ?1 "
                + "and h.content_view_id = ?2 and (cast(?3 as text) is null or r.label = ?3) order by r.label")
                .setParameter(1, envId).setParameter(2, cvId).setParameter(3, repoLabel).getResultList();
        return rows;
    }

    private static Map<String, Object> library(String path, long repositoryId, int version, String contentType, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("repositoryId", repositoryId);
        m.put("version", version);
        m.put("contentType", contentType);
        m.put("label", label);
        return m;
    }
}
