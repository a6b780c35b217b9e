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

@Path("/api/v1/organizations/{org}/products/{product}/repositories")
@Tag(name = "Repositories", description = "Typed content containers; every change makes a new immutable version")
public class RepoResource {
    @Inject
    RepoService service;

    @POST
    @io.ferry.audit.Audited("repository.create")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Create a repository (content type 'file' by default), optionally with a remote to sync from")
    public Response create(@PathParam("org") String org, @PathParam("product") String product,
                           @Valid @NotNull RepoDtos.CreateRepository request) {
        var r = service.create(org, product, request);
        return Response.created(URI.create("/api/v1/organizations/" + org + "/products/" + product + "/repositories/" + r.label()))
                .entity(r).build();
    }

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the product's repositories")
    public Page<RepoDtos.RepositoryView> list(@PathParam("org") String org, @PathParam("product") String product,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(org, product, page, size);
    }

    @GET
    @Path("/{repo}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show a repository with its latest version's counts")
    public RepoDtos.RepositoryView get(@PathParam("org") String org, @PathParam("product") String product,
                                       @PathParam("repo") String repo) {
        return service.get(org, product, repo);
    }

    @PUT
    @io.ferry.audit.Audited("repository.update")
    @Path("/{repo}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Change a repository's name, description or remote")
    public RepoDtos.RepositoryView update(@PathParam("org") String org, @PathParam("product") String product,
                                          @PathParam("repo") String repo, @Valid @NotNull RepoDtos.UpdateRepository request) {
        return service.update(org, product, repo, request);
    }

    @DELETE
    @io.ferry.audit.Audited("repository.delete")
    @Path("/{repo}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Delete a repository (refused while a content view version pins it; blobs stay)")
    public Response delete(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo) {
        service.delete(org, product, repo);
        return Response.noContent().build();
    }
}
