package io.ferry.organization;

import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.OffsetDateTime;

/** Request and response bodies of the organization API. */
public final class OrganizationDtos {
    private OrganizationDtos() {
    }

    public record CreateOrganization(@Schema(required = true, minLength = 1, maxLength = Name.MAX) String name, String label, @Schema(maxLength = Description.MAX) String description) {
    }

    public record UpdateOrganization(@Schema(minLength = 1, maxLength = Name.MAX) String name,
                                     @Schema(maxLength = Description.MAX) String description,
                                     @Schema(enumeration = {"require", "if-present", "off"},
                                             description = "Whether imports need a signature by a trusted certificate")
                                     String importSignaturePolicy) {
    }

    public record OrganizationView(long id, String label, String name, String description, String importSignaturePolicy,
                                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static OrganizationView of(OrganizationEntity o) {
            return new OrganizationView(o.id, o.label, o.name, o.description, o.importSignaturePolicy, o.createdAt, o.updatedAt);
        }
    }

    /** How other views name the organization they belong to. */
    public record OrganizationRef(long id, String label) {
        public static OrganizationRef of(OrganizationEntity o) {
            return new OrganizationRef(o.id, o.label);
        }
    }
}
