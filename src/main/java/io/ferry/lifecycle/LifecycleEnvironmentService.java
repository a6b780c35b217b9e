package io.ferry.lifecycle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import io.ferry.common.Times;
import io.ferry.common.Labels;
import io.ferry.organization.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lifecycle environments and their paths. Every path starts at the organization's Library; after
 * Library an environment has at most one successor, so paths only branch at Library (as in Katello).
 */
@ApplicationScoped
public class LifecycleEnvironmentService {
    @Inject
    LifecycleEnvironmentRepository environments;
    @Inject
    OrganizationRepository organizations;
    @Inject
    EntityManager em;
    @Inject
    io.ferry.security.Visibility visibility;

    @Transactional(Transactional.TxType.MANDATORY)
    public void createLibrary(long organizationId) {
        LifecycleEnvironmentEntity e = new LifecycleEnvironmentEntity();
        e.organizationId = organizationId;
        e.label = LifecycleEnvironmentEntity.LIBRARY;
        e.name = LifecycleEnvironmentEntity.LIBRARY;
        e.description = "Where published content view versions and repositories' latest versions live";
        e.library = true;
        environments.persist(e);
    }

    @Transactional
    public LifecycleDtos.EnvironmentView create(String orgRef, LifecycleDtos.CreateEnvironment req) {
        long orgId = organizations.require(orgRef).id;
        String label = Labels.labelOrDerive(req.label(), req.name(), "label");
        if (environments.find("organizationId = ?1 and label = ?2", orgId, label).firstResultOptional().isPresent()) {
            throw new FerryException(ErrorCode.LABEL_TAKEN, "A lifecycle environment with label '" + label
                    + "' already exists in this organization. Choose another label.", "label");
        }
        LifecycleEnvironmentEntity prior = environments.require(orgId, req.prior());
        Optional<LifecycleEnvironmentEntity> taken = prior.library ? Optional.empty() : environments.successor(prior.id);
        if (taken.isPresent()) {
            throw new FerryException(ErrorCode.ENVIRONMENT_PATH_CONFLICT, "Environment '" + prior.label + "' already leads to '"
                    + taken.get().label + "'; paths branch only at Library. Put the new environment after '"
                    + taken.get().label + "' or start a new path at Library.", "prior");
        }
        LifecycleEnvironmentEntity e = new LifecycleEnvironmentEntity();
        e.organizationId = orgId;
        e.label = label;
        e.name = Name.of(req.name(), "name").value();
        e.description = Description.text(req.description(), "description");
        e.priorId = prior.id;
        environments.persist(e);
        environments.flush();
        em.refresh(e);
        return view(e);
    }

    @Transactional
    public List<LifecycleDtos.EnvironmentView> list(String orgRef) {
        long orgId = organizations.require(orgRef).id;
        java.util.Set<Long> visible = visibility.of(io.ferry.security.RoleScope.Kind.ENVIRONMENT, orgId);
        return environments.ofOrganization(orgId).stream().filter(e -> visible == null || visible.contains(e.id))
                .map(this::view).toList();
    }

    @Transactional
    public LifecycleDtos.EnvironmentView get(String orgRef, String envRef) {
        return view(environments.require(organizations.require(orgRef).id, envRef));
    }

    /** Every path from Library to its last environment. */
    @Transactional
    public List<List<LifecycleDtos.EnvironmentRef>> paths(String orgRef) {
        long orgId = organizations.require(orgRef).id;
        LifecycleEnvironmentEntity library = environments.library(orgId);
        List<List<LifecycleDtos.EnvironmentRef>> paths = new ArrayList<>();
        for (LifecycleEnvironmentEntity first : environments.list("priorId = ?1 order by id", library.id)) {
            List<LifecycleDtos.EnvironmentRef> path = new ArrayList<>();
            path.add(LifecycleDtos.EnvironmentRef.of(library));
            for (Optional<LifecycleEnvironmentEntity> e = Optional.of(first); e.isPresent(); e = environments.successor(e.get().id)) {
                path.add(LifecycleDtos.EnvironmentRef.of(e.get()));
            }
            paths.add(path);
        }
        if (paths.isEmpty()) {
            paths.add(List.of(LifecycleDtos.EnvironmentRef.of(library)));
        }
        return paths;
    }

    @Transactional
    public void delete(String orgRef, String envRef) {
        LifecycleEnvironmentEntity e = environments.require(organizations.require(orgRef).id, envRef);
        if (e.library) {
            throw new FerryException(ErrorCode.ENVIRONMENT_PATH_CONFLICT, "Library cannot be deleted; it is where every path "
                    + "starts.", "environment");
        }
        Optional<LifecycleEnvironmentEntity> next = environments.successor(e.id);
        if (next.isPresent()) {
            throw new FerryException(ErrorCode.ENVIRONMENT_PATH_CONFLICT, "Environment '" + e.label + "' leads to '"
                    + next.get().label + "'; delete the environments after it first.", "environment");
        }
        environments.delete(e);
    }

    /** Makes the environment hold {@code versionId} of the content view, replacing the version it held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(long environmentId, long contentViewId, long versionId, String user) {
        em.createNativeQuery("insert into environment_content_view (environment_id, content_view_id, content_view_version_id, "
                        + "promoted_by, promoted_at) values (?1, ?2, ?3, ?4, ?5) on conflict (environment_id, content_view_id) do update "
                        + "set content_view_version_id = excluded.content_view_version_id, promoted_by = excluded.promoted_by, "
                        + "promoted_at = excluded.promoted_at")
                .setParameter(1, environmentId).setParameter(2, contentViewId).setParameter(3, versionId).setParameter(4, user)
                .setParameter(5, OffsetDateTime.now()).executeUpdate();
    }

    /** Removes the content view from the environment (whatever version it held). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int release(long environmentId, long contentViewId) {
        return em.createNativeQuery("delete from environment_content_view where environment_id = ?1 and content_view_id = ?2")
                .setParameter(1, environmentId).setParameter(2, contentViewId).executeUpdate();
    }

    LifecycleDtos.EnvironmentView view(LifecycleEnvironmentEntity e) {
        LifecycleDtos.EnvironmentRef prior = e.priorId == null ? null : LifecycleDtos.EnvironmentRef.of(environments.findById(e.priorId));
        LifecycleDtos.EnvironmentRef next = environments.successor(e.id).map(LifecycleDtos.EnvironmentRef::of).orElse(null);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cv.id, cv.label, v.id, v.major, v.minor, h.promoted_by, h.promoted_at "
                + "from environment_content_view h join content_view cv on cv.id = h.content_view_id "
                + "join content_view_version v on v.id = h.content_view_version_id where h.environment_id = ?1 order by cv.label")
                .setParameter(1, e.id).getResultList();
        List<LifecycleDtos.HeldVersion> held = rows.stream().map(r -> new LifecycleDtos.HeldVersion(((Number) r[0]).longValue(),
                (String) r[1], ((Number) r[2]).longValue(), r[3] + "." + r[4], (String) r[5],
                Times.toOffset(r[6]))).toList();
        return new LifecycleDtos.EnvironmentView(e.id, e.label, e.name, e.description, e.library, prior, next, held, e.createdAt);
    }
}
