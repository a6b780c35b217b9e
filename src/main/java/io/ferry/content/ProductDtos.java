package io.ferry.content;

import io.ferry.common.value.Description;
import io.ferry.common.value.Name;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.ferry.organization.OrganizationDtos.OrganizationRef;
import java.time.OffsetDateTime;

/** Request and response bodies of the product API. */
public final class ProductDtos {
    private ProductDtos() {
    }

    public record CreateProduct(@Schema(required = true, minLength = 1, maxLength = Name.MAX) String name, String label, @Schema(maxLength = Description.MAX) String description) {
    }

    public record UpdateProduct(@Schema(minLength = 1, maxLength = Name.MAX) String name, @Schema(maxLength = Description.MAX) String description) {
    }

    public record ProductView(long id, String label, String name, String description, OrganizationRef organization,
                              long repositoryCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record ProductRef(long id, String label) {
    }
}
