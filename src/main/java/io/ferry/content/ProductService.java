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
    jakarta.persistence.EntityManager em;
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
        java.util.List<ProductEntity> rows;
        long total;
        if (visible == null) {
            var q = products.find("organizationId", Sort.by("label"), org.id);
            rows = q.page(page, size).list();
            total = q.count();
        } else {
            io.ferry.common.VisiblePage.Ids ids = io.ferry.common.VisiblePage.of(em, "product", "organization_id = ?",
                    java.util.List.of(org.id), visible, page, size);
            rows = ids.ids().isEmpty() ? java.util.List.of() : products.find("id in ?1", Sort.by("label"), ids.ids()).list();
            total = ids.total();
        }
        java.util.Map<Long, Long> counts = repositoryCounts(rows);
        return new Page<>(rows.stream().map(p -> view(org, p, counts.getOrDefault(p.id, 0L))).toList(), page, size, total);
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
        return view(org, p, repos.count("productId", p.id));
    }

    private ProductDtos.ProductView view(OrganizationEntity org, ProductEntity p, long repositories) {
        return new ProductDtos.ProductView(p.id, p.label, p.name, p.description, OrganizationRef.of(org), repositories, p.createdAt,
                p.updatedAt);
    }

    /** Repositories per product of a page, in one query. */
    private java.util.Map<Long, Long> repositoryCounts(java.util.List<ProductEntity> page) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        if (page.isEmpty()) {
            return counts;
        }
        Long[] ids = page.stream().map(p -> p.id).toArray(Long[]::new);
        io.ferry.common.Sql.work(em, c -> io.ferry.common.Sql.rows(c, "select product_id, count(*) from repository where product_id = "
                + "any(?) group by product_id", rs -> counts.put(rs.getLong(1), rs.getLong(2)), (Object) ids));
        return counts;
    }
}
