package io.ferry.organization;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import io.ferry.common.Labels;
import io.ferry.common.Page;
import io.ferry.lifecycle.LifecycleEnvironmentService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/** Organizations: the tenants everything else belongs to. Each gets its Library environment at creation. */
@ApplicationScoped
public class OrganizationService {
    @Inject
    jakarta.persistence.EntityManager em;
    @Inject
    OrganizationRepository organizations;
    @Inject
    LifecycleEnvironmentService environments;
    @Inject
    io.ferry.security.Visibility visibility;

    @Transactional
    public OrganizationDtos.OrganizationView create(OrganizationDtos.CreateOrganization req) {
        String label = Labels.labelOrDerive(req.label(), req.name(), "label");
        if (organizations.findByLabel(label).isPresent()) {
            throw new FerryException(ErrorCode.LABEL_TAKEN, "An organization with label '" + label
                    + "' already exists. Choose another label.", "label");
        }
        OrganizationEntity o = new OrganizationEntity();
        o.label = label;
        o.name = Name.of(req.name(), "name").value();
        o.description = Description.text(req.description(), "description");
        organizations.persist(o);
        organizations.flush();
        environments.createLibrary(o.id);
        return get(String.valueOf(o.id));
    }

    @Transactional
    public Page<OrganizationDtos.OrganizationView> list(int page, int size) {
        java.util.Set<Long> visible = visibility.organizations();
        if (visible != null && visible.isEmpty()) {
            return new Page<>(java.util.List.of(), page, size, 0);
        }
        if (visible == null) {
            var q = organizations.findAll(Sort.by("label"));
            return new Page<>(q.page(page, size).list().stream().map(OrganizationDtos.OrganizationView::of).toList(), page, size,
                    q.count());
        }
        io.ferry.common.VisiblePage.Ids ids = io.ferry.common.VisiblePage.of(em, "organization", null, java.util.List.of(), visible,
                page, size);
        java.util.List<OrganizationEntity> rows = ids.ids().isEmpty() ? java.util.List.of()
                : organizations.find("id in ?1", Sort.by("label"), ids.ids()).list();
        return new Page<>(rows.stream().map(OrganizationDtos.OrganizationView::of).toList(), page, size, ids.total());
    }

    @Transactional
    public OrganizationDtos.OrganizationView get(String ref) {
        OrganizationEntity o = organizations.require(ref);
        organizations.getEntityManager().refresh(o);
        return OrganizationDtos.OrganizationView.of(o);
    }

    @Transactional
    public OrganizationDtos.OrganizationView update(String ref, OrganizationDtos.UpdateOrganization req) {
        OrganizationEntity o = organizations.require(ref);
        if (req.name() != null) {
            o.name = Name.of(req.name(), "name").value();
        }
        if (req.description() != null) {
            o.description = Description.text(req.description(), "description");
        }
        if (req.importSignaturePolicy() != null) {
            if (!java.util.Set.of("require", "if-present", "off").contains(req.importSignaturePolicy())) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "importSignaturePolicy must be require, if-present or off "
                        + "(ferry organization update --import-signature-policy).", "importSignaturePolicy");
            }
            o.importSignaturePolicy = req.importSignaturePolicy();
        }
        o.updatedAt = OffsetDateTime.now();
        return OrganizationDtos.OrganizationView.of(o);
    }

    /**
     * Deletes the organization with its products, repositories, environments and history; blobs stay in the
     * store (shared, content-addressed). Refused (409) while it holds content view versions: they pin
     * repository versions and are what a site imported or published, so they are removed on purpose first.
     */
    @Transactional
    public void delete(String ref) {
        OrganizationEntity o = organizations.require(ref);
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> held = organizations.getEntityManager().createNativeQuery("select cv.label, count(*) over (), "
                + "count(*) over (partition by cv.id) from content_view cv join content_view_version v on v.content_view_id = cv.id "
                + "where cv.organization_id = ?1 order by cv.label limit 3").setParameter(1, o.id).getResultList();
        if (!held.isEmpty()) {
            long total = ((Number) held.get(0)[1]).longValue();
            String views = held.stream().map(r -> "'" + r[0] + "'").distinct().collect(java.util.stream.Collectors.joining(", "));
            throw new FerryException(ErrorCode.ORGANIZATION_NOT_EMPTY, "Organization '" + o.label + "' still holds " + total
                    + " content view version(s), of content view(s) " + views + (total > 3 ? " and more" : "") + ". Delete its "
                    + "content views first (ferry content-view delete --organization " + o.label + " --name VIEW), then the "
                    + "organization; nothing was deleted.", "organization");
        }
        organizations.delete(o);
    }
}
