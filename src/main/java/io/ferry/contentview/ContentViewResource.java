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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/content-views")
@Tag(name = "Content views", description = "Selections of repositories, published into immutable versions")
public class ContentViewResource {
    @Inject
    ContentViewService service;
    @Inject
    ContentViewVersionService versions;

    @POST
    @io.ferry.audit.Audited("content-view.create")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Create a content view with a set of repositories (ids or product/repository labels)")
    public Response create(@PathParam("org") String org, @Valid @NotNull ContentViewDtos.CreateContentView request) {
        var cv = service.create(org, request);
        return Response.created(URI.create("/api/v1/organizations/" + org + "/content-views/" + cv.label())).entity(cv).build();
    }

    @GET
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the organization's content views")
    public Page<ContentViewDtos.ContentViewView> list(@PathParam("org") String org,
                                                      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(org, page, size);
    }

    @GET
    @Path("/{cv}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show a content view")
    public ContentViewDtos.ContentViewView get(@PathParam("org") String org, @PathParam("cv") String cv) {
        return service.get(org, cv);
    }

    @PUT
    @io.ferry.audit.Audited("content-view.update")
    @Path("/{cv}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Change a content view's name, description or repositories")
    public ContentViewDtos.ContentViewView update(@PathParam("org") String org, @PathParam("cv") String cv,
                                                  @Valid @NotNull ContentViewDtos.UpdateContentView request) {
        return service.update(org, cv, request);
    }

    @DELETE
    @io.ferry.audit.Audited("content-view.delete")
    @Path("/{cv}")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Delete a content view and its versions (refused while an environment after Library holds one)")
    public Response delete(@PathParam("org") String org, @PathParam("cv") String cv) {
        service.delete(org, cv);
        return Response.noContent().build();
    }

    @POST
    @io.ferry.audit.Audited("content-view.publish")
    @Path("/{cv}/publish")
    @RequiresPermission(Permission.PUBLISH_CONTENT)
    @Operation(summary = "Publish a new version N.0 pinning the repositories' latest versions (a task)")
    public Response publish(@PathParam("org") String org, @PathParam("cv") String cv, @Valid ContentViewDtos.Publish request) {
        return TaskAccepted.of(versions.publish(org, cv, request));
    }

    @DELETE
    @io.ferry.audit.Audited("content-view.release")
    @Path("/{cv}/environments/{env}")
    @RequiresPermission(Permission.PROMOTE_CONTENT)
    @Operation(summary = "Remove the content view from an environment")
    public Response release(@PathParam("org") String org, @PathParam("cv") String cv, @PathParam("env") String env) {
        versions.release(org, cv, env);
        return Response.noContent().build();
    }
}
