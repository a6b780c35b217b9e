package io.ferry.organization;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Labels;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepository<OrganizationEntity> {
    public Optional<OrganizationEntity> findByLabel(String label) {
        return find("label", label).firstResultOptional();
    }

    /** The organization named by id or label, or FERRY-ORG-001. */
    public OrganizationEntity require(String ref) {
        Optional<OrganizationEntity> o = Labels.lookup(ref, this::findByIdOptional, this::findByLabel,
                name -> find("name", name).page(0, 2).list());
        return o.orElseThrow(() -> new FerryException(ErrorCode.ORGANIZATION_NOT_FOUND, "No organization '" + ref
                + "'. List organizations with: ferry organization list", "organization"));
    }

    /** For a task: the organization by id, in a transaction of its own, or FERRY-ORG-001 saying it was deleted before {@code what} ran. */
    public OrganizationEntity requireForTask(long id, String what) {
        OrganizationEntity o = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> findById(id));
        if (o == null) {
            throw new FerryException(ErrorCode.ORGANIZATION_NOT_FOUND, "The organization was deleted before " + what + " ran.");
        }
        return o;
    }

    /** An organization's label for messages (the id when it is gone). */
    public static String labelOf(jakarta.persistence.EntityManager em, long id) {
        OrganizationEntity o = em.find(OrganizationEntity.class, id);
        return o == null ? String.valueOf(id) : o.label;
    }
}
