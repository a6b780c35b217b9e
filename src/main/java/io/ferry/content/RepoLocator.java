package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Resolves {@code org/product/repository} references (ids or labels) to entities, or the matching 404. */
@ApplicationScoped
public class RepoLocator {
    @Inject
    OrganizationRepository organizations;
    @Inject
    ProductRepository products;
    @Inject
    RepoRepository repos;

    /** A repository with the organization and product it belongs to. */
    public record Located(OrganizationEntity organization, ProductEntity product, RepoEntity repository) {
        public String contentPath() {
            return "/content/" + organization.label + "/Library/custom/" + product.label + "/" + repository.label + "/";
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Located locate(String orgRef, String productRef, String repoRef) {
        OrganizationEntity org = organizations.require(orgRef);
        ProductEntity product = products.require(org.id, productRef);
        return new Located(org, product, repos.require(product.id, repoRef));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Located locate(long repositoryId) {
        RepoEntity r = repos.findById(repositoryId);
        if (r == null) {
            throw new FerryException(ErrorCode.REPOSITORY_NOT_FOUND, "Repository " + repositoryId + " was deleted meanwhile.",
                    "repository");
        }
        ProductEntity p = products.findById(r.productId);
        return new Located(organizations.findById(p.organizationId), p, r);
    }
}
