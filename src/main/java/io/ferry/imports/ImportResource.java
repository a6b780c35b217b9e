package io.ferry.imports;

import io.ferry.common.Page;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.task.TaskAccepted;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/imports")
@Tag(name = "Imports", description = "Bring export bundles (dir, tar.gz or ISO volumes) into this server: check, import, history")
public class ImportResource {
    @Inject
    ImportService service;

    @POST
    @io.ferry.audit.Audited(value = "import.start", separateTransaction = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Import a bundle (a task); checks run first and fail fast. An export imported before answers 200 "
            + "with outcome already-imported")
    @APIResponse(responseCode = "202", description = "The import task")
    @APIResponse(responseCode = "200", description = "Already imported: nothing to do",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportDtos.AlreadyImported.class)))
    public Response importBundle(@PathParam("org") String org, @Valid @NotNull ImportDtos.ImportRequest request) {
        ImportService.Submitted s = service.submit(org, request);
        return s.task() != null ? TaskAccepted.of(s.task()) : Response.ok(s.already()).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Check a bundle without importing: manifest, volumes present and intact, base imported, labels, "
            + "free space; writes nothing")
    public ImportDtos.CheckReport check(@PathParam("org") String org, @Valid @NotNull ImportDtos.CheckRequest request) {
        return service.check(org, request);
    }

    @GET
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Import history, newest first")
    public Page<ImportDtos.ImportView> list(@PathParam("org") String org, @QueryParam("status") String status,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(org, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Show an import: source server, export, manifest digest, scope, result, user, times")
    public ImportDtos.ImportView get(@PathParam("org") String org, @PathParam("id") long id) {
        return service.get(org, id);
    }
}
