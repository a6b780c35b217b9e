package io.ferry.lifecycle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Labels;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class LifecycleEnvironmentRepository implements PanacheRepository<LifecycleEnvironmentEntity> {
    /** The environment of the organization named by id or label, or FERRY-ENV-001. */
    public LifecycleEnvironmentEntity require(long organizationId, String ref) {
        Optional<LifecycleEnvironmentEntity> e = Labels.lookup(ref,
                id -> find("organizationId = ?1 and id = ?2", organizationId, id).firstResultOptional(),
                label -> find("organizationId = ?1 and label = ?2", organizationId, label).firstResultOptional(),
                name -> find("organizationId = ?1 and name = ?2", organizationId, name).page(0, 2).list());
        return e.orElseThrow(() -> {
            String org = io.ferry.organization.OrganizationRepository.labelOf(getEntityManager(), organizationId);
            return new FerryException(ErrorCode.ENVIRONMENT_NOT_FOUND, "No lifecycle environment '" + ref + "' in organization '"
                    + org + "'. List them with: ferry lifecycle-environment list --organization " + org, "environment");
        });
    }

    public LifecycleEnvironmentEntity library(long organizationId) {
        return find("organizationId = ?1 and library = true", organizationId).singleResult();
    }

    public Optional<LifecycleEnvironmentEntity> successor(long environmentId) {
        return find("priorId", environmentId).firstResultOptional();
    }

    public List<LifecycleEnvironmentEntity> ofOrganization(long organizationId) {
        return list("organizationId = ?1 order by id", organizationId);
    }
}
