package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Labels;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RepoRepository implements PanacheRepository<RepoEntity> {
    public Optional<RepoEntity> findByLabel(long productId, String label) {
        return find("productId = ?1 and label = ?2", productId, label).firstResultOptional();
    }

    /** The repository of the product named by id or label, or FERRY-REPO-001. */
    public RepoEntity require(long productId, String ref) {
        Optional<RepoEntity> r = Labels.lookup(ref,
                id -> find("productId = ?1 and id = ?2", productId, id).firstResultOptional(),
                label -> findByLabel(productId, label),
                name -> find("productId = ?1 and name = ?2", productId, name).page(0, 2).list());
        return r.orElseThrow(() -> {
            ProductEntity p = getEntityManager().find(ProductEntity.class, productId);
            String org = io.ferry.organization.OrganizationRepository.labelOf(getEntityManager(), p.organizationId);
            return new FerryException(ErrorCode.REPOSITORY_NOT_FOUND, "No repository '" + ref + "' in product '" + p.label
                    + "' of organization '" + org + "'. List them with: ferry repository list --organization " + org
                    + " --product " + p.label, "repository");
        });
    }

    /** Refuses (FERRY-REPO-003) when a content view version pins the repository. */
    public void requireNotPinned(RepoEntity r) {
        @SuppressWarnings("unchecked")
        List<Object[]> pins = getEntityManager().createNativeQuery("select cv.label, v.major, v.minor from "
                + "content_view_version_repository p join content_view_version v on v.id = p.content_view_version_id "
                + "join content_view cv on cv.id = v.content_view_id where p.repository_id = ?1 order by cv.label, v.major limit 3")
                .setParameter(1, r.id).getResultList();
        if (!pins.isEmpty()) {
            Object[] p = pins.get(0);
            throw new FerryException(ErrorCode.REPOSITORY_IN_USE, "Repository '" + r.label + "' is pinned by content view '"
                    + p[0] + "' version " + p[1] + "." + p[2] + (pins.size() > 1 ? " and others" : "")
                    + "; delete those content view versions first.", "repository");
        }
    }
}
