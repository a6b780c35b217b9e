package io.ferry.contentview;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Labels;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ContentViewRepository implements PanacheRepository<ContentViewEntity> {
    public Optional<ContentViewEntity> findByLabel(long organizationId, String label) {
        return find("organizationId = ?1 and label = ?2", organizationId, label).firstResultOptional();
    }

    /** The content view of the organization named by id or label, or FERRY-CV-001. */
    public ContentViewEntity require(long organizationId, String ref) {
        Optional<ContentViewEntity> cv = Labels.lookup(ref,
                id -> find("organizationId = ?1 and id = ?2", organizationId, id).firstResultOptional(),
                label -> findByLabel(organizationId, label),
                name -> find("organizationId = ?1 and name = ?2", organizationId, name).page(0, 2).list());
        return cv.orElseThrow(() -> {
            String org = io.ferry.organization.OrganizationRepository.labelOf(getEntityManager(), organizationId);
            return new FerryException(ErrorCode.CONTENT_VIEW_NOT_FOUND, "No content view '" + ref + "' in organization '" + org
                    + "'. List them with: ferry content-view list --organization " + org, "contentView");
        });
    }
}
