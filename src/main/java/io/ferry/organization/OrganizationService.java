package io.ferry.organization;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
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
    OrganizationRepository organizations;
    @Inject
    LifecycleEnvironmentService environments;

    @Transactional
    public OrganizationDtos.OrganizationView create(OrganizationDtos.CreateOrganization req) {
        String label = Labels.labelOrDerive(req.label(), req.name(), "label");
        if (organizations.findByLabel(label).isPresent()) {
            throw new FerryException(ErrorCode.LABEL_TAKEN, "An organization with label '" + label
                    + "' already exists. Choose another label.", "label");
        }
        OrganizationEntity o = new OrganizationEntity();
        o.label = label;
        o.name = req.name();
        o.description = req.description();
        organizations.persist(o);
        organizations.flush();
        environments.createLibrary(o.id);
        return get(String.valueOf(o.id));
    }

    @Transactional
    public Page<OrganizationDtos.OrganizationView> list(int page, int size) {
        var q = organizations.findAll(Sort.by("label"));
        return new Page<>(q.page(page, size).list().stream().map(OrganizationDtos.OrganizationView::of).toList(), page, size,
                q.count());
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
            o.name = req.name();
        }
        if (req.description() != null) {
            o.description = req.description();
        }
        o.updatedAt = OffsetDateTime.now();
        return OrganizationDtos.OrganizationView.of(o);
    }

    /** Deletes the organization with all it holds; blobs stay in the store (shared, content-addressed). */
    @Transactional
    public void delete(String ref) {
        organizations.delete(organizations.require(ref));
    }
}
