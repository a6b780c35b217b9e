package io.ferry.content;

import io.ferry.common.Page;
import io.ferry.content.type.ContentTypes;
import io.ferry.remote.SyncService;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/products/{product}/repositories/{repo}")
@Tag(name = "Repository content", description = "Uploading and removing units; repository versions, their units and differences")
public class RepoContentResource {
    @Inject
    ContentService content;
    @Inject
    ContentRestore restore;
    @Inject
    RepoLocator locator;
    @Inject
    RepoContentQueries queries;
    @Inject
    ContentTypes types;
    @Inject
    SyncService sync;

    @POST
    @io.ferry.audit.Audited(value = "repository-content.upload", separateTransaction = true)
    @Path("/content/upload")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Upload a file in one streamed request and add it at relativePath (metadata as key=value)")
    public Response upload(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                           @QueryParam("relativePath") String relativePath, @QueryParam("sha256") String sha256,
                           @QueryParam("metadata") List<String> metadata,
                           @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength, InputStream body) {
        return changed(content.upload(org, product, repo, relativePath, sha256, metadata, contentLength, body));
    }

    @POST
    @io.ferry.audit.Audited("repository-content.add")
    @Path("/content")
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Add a finished upload or a stored blob at relativePath")
    public Response add(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                        @Valid @NotNull ContentDtos.AddContent request) {
        return changed(content.add(org, product, repo, request));
    }

    @POST
    @io.ferry.audit.Audited("repository-content.remove")
    @Path("/content/remove")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Remove the units at the given relative paths")
    public Response remove(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                           @Valid @NotNull ContentDtos.RemoveContent request) {
        return changed(content.remove(org, product, repo, request));
    }

    @POST
    @io.ferry.audit.Audited("repository-content.restore")
    @Path("/content/restore")
    @RequiresPermission(Permission.EDIT_CONTENT)
    @Operation(summary = "Put units back as they were in an earlier version (same bytes and metadata) in a new version")
    public Response restore(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                            ContentDtos.RestoreContent request) {
        return changed(restore.restore(org, product, repo, request));
    }

    @POST
    @io.ferry.audit.Audited("repository.sync")
    @Path("/sync")
    @RequiresPermission(Permission.SYNC_REPOSITORIES)
    @Operation(summary = "Sync from the repository's remote (a task; 202 with the task's location)")
    public Response sync(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo) {
        return TaskAccepted.of(sync.sync(org, product, repo));
    }

    @GET
    @Path("/versions")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List the repository's versions, newest first")
    @Transactional
    public Page<RepoVersionDtos.VersionView> versions(@PathParam("org") String org, @PathParam("product") String product,
                                                      @PathParam("repo") String repo,
                                                      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return queries.versions(locator.locate(org, product, repo).repository(), page, size);
    }

    @GET
    @Path("/versions/{number}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "Show a version: unit count, total size, what it added and removed")
    @Transactional
    public RepoVersionDtos.VersionView version(@PathParam("org") String org, @PathParam("product") String product,
                                               @PathParam("repo") String repo, @PathParam("number") @Min(0) int number) {
        return queries.version(locator.locate(org, product, repo).repository(), number);
    }

    @GET
    @Path("/versions/{number}/units")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "List a version's units in relative-path order, optionally under a path prefix")
    @Transactional
    public Page<RepoVersionDtos.UnitView> units(@PathParam("org") String org, @PathParam("product") String product,
                                                @PathParam("repo") String repo, @PathParam("number") @Min(0) int number,
                                                @QueryParam("prefix") String prefix,
                                                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                @QueryParam("size") @DefaultValue("100") @Min(1) @Max(5000) int size) {
        RepoEntity r = locator.locate(org, product, repo).repository();
        return queries.units(r, number, prefix, types.require(r.contentType), page, size);
    }

    @GET
    @Path("/versions/{number}/compare/{base}")
    @RequiresPermission(Permission.VIEW_CONTENT)
    @Operation(summary = "What changed from version 'base' to version 'number' (added and removed units)")
    @Transactional
    public Page<RepoVersionDtos.ChangeView> compare(@PathParam("org") String org, @PathParam("product") String product,
                                                    @PathParam("repo") String repo, @PathParam("number") @Min(0) int number,
                                                    @PathParam("base") @Min(0) int base,
                                                    @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                    @QueryParam("size") @DefaultValue("100") @Min(1) @Max(5000) int size) {
        return queries.diff(locator.locate(org, product, repo).repository(), number, base, page, size);
    }

    private static Response changed(RepoVersionDtos.ChangeResult r) {
        return Response.status(r.created() ? 201 : 200).entity(r).build();
    }
}
