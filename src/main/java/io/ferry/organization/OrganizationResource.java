package io.ferry.organization;

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

@Path("/api/v1/organizations")
@Tag(name = "Organizations", description = "Tenants; everything else belongs to one. Referenced by id or label.")
public class OrganizationResource {
    @Inject
    OrganizationService service;

    @POST
    @io.ferry.audit.Audited("organization.create")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Create an organization (with its Library environment)")
    public Response create(@Valid @NotNull OrganizationDtos.CreateOrganization request) {
        var o = service.create(request);
        return Response.created(URI.create("/api/v1/organizations/" + o.label())).entity(o).build();
    }

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List organizations")
    public Page<OrganizationDtos.OrganizationView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(page, size);
    }

    @GET
    @Path("/{org}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show an organization")
    public OrganizationDtos.OrganizationView get(@PathParam("org") String org) {
        return service.get(org);
    }

    @PUT
    @io.ferry.audit.Audited("organization.update")
    @Path("/{org}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Change an organization's name or description (the label never changes)")
    public OrganizationDtos.OrganizationView update(@PathParam("org") String org,
                                                    @Valid @NotNull OrganizationDtos.UpdateOrganization request) {
        return service.update(org, request);
    }

    @DELETE
    @io.ferry.audit.Audited("organization.delete")
    @Path("/{org}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Delete an organization and everything in it (stored blobs stay)")
    public Response delete(@PathParam("org") String org) {
        service.delete(org);
        return Response.noContent().build();
    }
}
