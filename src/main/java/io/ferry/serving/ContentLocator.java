package io.ferry.serving;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoEntity;
import io.ferry.content.RepoLocator;
import io.ferry.contentview.ContentViewEntity;
import io.ferry.contentview.ContentViewRepository;
import io.ferry.lifecycle.LifecycleEnvironmentEntity;
import io.ferry.lifecycle.LifecycleEnvironmentRepository;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** Resolves the two forms of /content URL to the repository version they serve. */
@ApplicationScoped
public class ContentLocator {
    @Inject
    OrganizationRepository organizations;
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    ContentViewRepository views;
    @Inject
    RepoLocator repos;
    @Inject
    EntityManager em;

    /** {@code /content/{org}/Library/custom/{product}/{repo}/}: the repository's latest version. */
    @Transactional
    public PublishedRepository latest(String org, String product, String repo) {
        RepoEntity r = repos.locate(org, product, repo).repository();
        return new PublishedRepository(r.id, r.latestVersion, r.contentType, r.label);
    }

    /** {@code /content/{org}/{env}/{cv}/{repo}/}: the repository version pinned by the version the environment holds. */
    @Transactional
    public PublishedRepository inEnvironment(String orgRef, String envRef, String cvRef, String repoLabel) {
        OrganizationEntity org = organizations.require(orgRef);
        LifecycleEnvironmentEntity env = environments.require(org.id, envRef);
        ContentViewEntity cv = views.require(org.id, cvRef);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.id, p.repository_version, r.content_type, r.label from "
                + "environment_content_view h join content_view_version_repository p on p.content_view_version_id = "
                + "h.content_view_version_id join repository r on r.id = p.repository_id where h.environment_id = ?1 "
                + "and h.content_view_id = ?2 and r.label = ?3").setParameter(1, env.id).setParameter(2, cv.id)
                .setParameter(3, repoLabel).getResultList();
        if (rows.isEmpty()) {
            throw new FerryException(ErrorCode.CONTENT_NOT_FOUND, "Environment '" + env.label + "' holds no version of content view '"
                    + cv.label + "' with a repository '" + repoLabel + "'.", "repository");
        }
        Object[] r = rows.get(0);
        return new PublishedRepository(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), (String) r[2], (String) r[3]);
    }
}
