package io.ferry.content;

import io.ferry.organization.OrganizationDtos.OrganizationRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Request and response bodies of the product API. */
public final class ProductDtos {
    private ProductDtos() {
    }

    public record CreateProduct(@NotBlank @Size(max = 255) String name, String label, @Size(max = 4096) String description) {
    }

    public record UpdateProduct(@Size(min = 1, max = 255) String name, @Size(max = 4096) String description) {
    }

    public record ProductView(long id, String label, String name, String description, OrganizationRef organization,
                              long repositoryCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record ProductRef(long id, String label) {
    }
}
