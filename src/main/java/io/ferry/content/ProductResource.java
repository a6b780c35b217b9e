package io.ferry.content;

import io.ferry.common.Page;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/products")
@Tag(name = "Products", description = "Named groups of repositories")
public class ProductResource {
    @Inject
    ProductService service;

    @POST
    @io.ferry.audit.Audited("product.create")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Create a product")
    public Response create(@PathParam("org") String org, @Valid @NotNull ProductDtos.CreateProduct request) {
        var p = service.create(org, request);
        return Response.created(URI.create("/api/v1/organizations/" + org + "/products/" + p.label())).entity(p).build();
    }

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the organization's products")
    public Page<ProductDtos.ProductView> list(@PathParam("org") String org,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(org, page, size);
    }

    @GET
    @Path("/{product}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show a product")
    public ProductDtos.ProductView get(@PathParam("org") String org, @PathParam("product") String product) {
        return service.get(org, product);
    }

    @PUT
    @io.ferry.audit.Audited("product.update")
    @Path("/{product}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Change a product's name or description")
    public ProductDtos.ProductView update(@PathParam("org") String org, @PathParam("product") String product,
                                          @Valid @NotNull ProductDtos.UpdateProduct request) {
        return service.update(org, product, request);
    }

    @DELETE
    @io.ferry.audit.Audited("product.delete")
    @Path("/{product}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Delete a product and its repositories (refused while a content view version pins one)")
    public Response delete(@PathParam("org") String org, @PathParam("product") String product) {
        service.delete(org, product);
        return Response.noContent().build();
    }
}
