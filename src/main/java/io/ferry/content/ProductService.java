package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import io.ferry.common.Labels;
import io.ferry.common.Page;
import io.ferry.organization.OrganizationDtos.OrganizationRef;
import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/** Products: named groups of repositories within an organization. */
@ApplicationScoped
public class ProductService {
    @Inject
    OrganizationRepository organizations;
    @Inject
    ProductRepository products;
    @Inject
    RepoRepository repos;
    @Inject
    io.ferry.security.Visibility visibility;

    @Transactional
    public ProductDtos.ProductView create(String orgRef, ProductDtos.CreateProduct req) {
        OrganizationEntity org = organizations.require(orgRef);
        String label = Labels.labelOrDerive(req.label(), req.name(), "label");
        if (products.findByLabel(org.id, label).isPresent()) {
            throw new FerryException(ErrorCode.LABEL_TAKEN, "A product with label '" + label + "' already exists in organization '"
                    + org.label + "'. Choose another label.", "label");
        }
        ProductEntity p = new ProductEntity();
        p.organizationId = org.id;
        p.label = label;
        p.name = Name.of(req.name(), "name").value();
        p.description = Description.text(req.description(), "description");
        products.persist(p);
        products.flush();
        products.getEntityManager().refresh(p);
        return view(org, p);
    }

    @Transactional
    public Page<ProductDtos.ProductView> list(String orgRef, int page, int size) {
        OrganizationEntity org = organizations.require(orgRef);
        java.util.Set<Long> visible = visibility.of(io.ferry.security.RoleScope.Kind.PRODUCT, org.id);
        if (visible != null && visible.isEmpty()) {
            return new Page<>(java.util.List.of(), page, size, 0);
        }
        var q = visible == null ? products.find("organizationId", Sort.by("label"), org.id)
                : products.find("organizationId = ?1 and id in ?2", Sort.by("label"), org.id, visible);
        return new Page<>(q.page(page, size).list().stream().map(p -> view(org, p)).toList(), page, size, q.count());
    }

    @Transactional
    public ProductDtos.ProductView get(String orgRef, String productRef) {
        OrganizationEntity org = organizations.require(orgRef);
        return view(org, products.require(org.id, productRef));
    }

    @Transactional
    public ProductDtos.ProductView update(String orgRef, String productRef, ProductDtos.UpdateProduct req) {
        OrganizationEntity org = organizations.require(orgRef);
        ProductEntity p = products.require(org.id, productRef);
        if (req.name() != null) {
            p.name = Name.of(req.name(), "name").value();
        }
        if (req.description() != null) {
            p.description = Description.text(req.description(), "description");
        }
        p.updatedAt = OffsetDateTime.now();
        return view(org, p);
    }

    /** Deletes the product and its repositories, unless a content view version pins one of them. */
    @Transactional
    public void delete(String orgRef, String productRef) {
        OrganizationEntity org = organizations.require(orgRef);
        ProductEntity p = products.require(org.id, productRef);
        for (RepoEntity r : repos.list("productId", p.id)) {
            repos.requireNotPinned(r);
        }
        products.delete(p);
    }

    ProductDtos.ProductView view(OrganizationEntity org, ProductEntity p) {
        return new ProductDtos.ProductView(p.id, p.label, p.name, p.description, OrganizationRef.of(org),
                repos.count("productId", p.id), p.createdAt, p.updatedAt);
    }
}
