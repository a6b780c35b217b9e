package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Labels;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ProductRepository implements PanacheRepository<ProductEntity> {
    public Optional<ProductEntity> findByLabel(long organizationId, String label) {
        return find("organizationId = ?1 and label = ?2", organizationId, label).firstResultOptional();
    }

    /** The product of the organization named by id or label, or FERRY-PRODUCT-001. */
    public ProductEntity require(long organizationId, String ref) {
        Optional<ProductEntity> p = Labels.lookup(ref,
                id -> find("organizationId = ?1 and id = ?2", organizationId, id).firstResultOptional(),
                label -> findByLabel(organizationId, label),
                name -> find("organizationId = ?1 and name = ?2", organizationId, name).page(0, 2).list());
        return p.orElseThrow(() -> {
            String org = io.ferry.organization.OrganizationRepository.labelOf(getEntityManager(), organizationId);
            return new FerryException(ErrorCode.PRODUCT_NOT_FOUND, "No product '" + ref + "' in organization '" + org
                    + "'. List them with: ferry product list --organization " + org, "product");
        });
    }
}
