package io.ferry.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Request and response bodies of the organization API. */
public final class OrganizationDtos {
    private OrganizationDtos() {
    }

    public record CreateOrganization(@NotBlank @Size(max = 255) String name, String label, @Size(max = 4096) String description) {
    }

    public record UpdateOrganization(@Size(min = 1, max = 255) String name, @Size(max = 4096) String description) {
    }

    public record OrganizationView(long id, String label, String name, String description, OffsetDateTime createdAt,
                                   OffsetDateTime updatedAt) {
        public static OrganizationView of(OrganizationEntity o) {
            return new OrganizationView(o.id, o.label, o.name, o.description, o.createdAt, o.updatedAt);
        }
    }

    /** How other views name the organization they belong to. */
    public record OrganizationRef(long id, String label) {
        public static OrganizationRef of(OrganizationEntity o) {
            return new OrganizationRef(o.id, o.label);
        }
    }
}
