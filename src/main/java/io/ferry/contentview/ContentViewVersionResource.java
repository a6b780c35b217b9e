package io.ferry.contentview;

import io.ferry.common.Page;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/content-views/{cv}/versions")
@Tag(name = "Content view versions", description = "Immutable published versions; promotion along lifecycle paths")
public class ContentViewVersionResource {
    @Inject
    ContentViewVersionService service;

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List versions, newest first, with their repositories and environments")
    public Page<ContentViewDtos.VersionView> list(@PathParam("org") String org, @PathParam("cv") String cv,
                                                  @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(org, cv, page, size);
    }

    @GET
    @Path("/{version}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show a version (e.g. 1.0)")
    public ContentViewDtos.VersionView get(@PathParam("org") String org, @PathParam("cv") String cv,
                                           @PathParam("version") String version) {
        return service.get(org, cv, version);
    }

    @GET
    @Path("/{version}/units")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List a version's units by repository and relative path")
    public Page<ContentViewDtos.VersionUnit> units(@PathParam("org") String org, @PathParam("cv") String cv,
                                                   @PathParam("version") String version,
                                                   @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                   @QueryParam("size") @DefaultValue("100") @Min(1) @Max(5000) int size) {
        return service.units(org, cv, version, page, size);
    }

    @POST
    @io.ferry.audit.Audited("content-view.promote")
    @Path("/{version}/promote")
    @RequiresPermission(Permission.PROMOTE_CONTENT)
    @Operation(summary = "Promote a version to environments, in path order unless forced (a task)")
    public Response promote(@PathParam("org") String org, @PathParam("cv") String cv, @PathParam("version") String version,
                            @Valid @NotNull ContentViewDtos.Promote request) {
        return TaskAccepted.of(service.promote(org, cv, version, request));
    }

    @DELETE
    @io.ferry.audit.Audited("content-view-version.delete")
    @Path("/{version}")
    @RequiresPermission(Permission.PUBLISH_CONTENT)
    @Operation(summary = "Delete a version that no environment holds")
    public Response delete(@PathParam("org") String org, @PathParam("cv") String cv, @PathParam("version") String version) {
        service.delete(org, cv, version);
        return Response.noContent().build();
    }
}
