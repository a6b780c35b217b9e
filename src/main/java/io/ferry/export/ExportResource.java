package io.ferry.export;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.File;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/exports")
@Tag(name = "Exports", description = "Complete and incremental bundles as directory trees, tar.gz or ISO volumes; export history")
public class ExportResource {
    @Inject
    ExportService service;
    @Inject
    ExportRunner runner;

    @POST
    @io.ferry.audit.Audited("export.start")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Export a content view version, a repository or the whole Library (a task)")
    public Response export(@PathParam("org") String org, @Valid @NotNull ExportDtos.ExportRequest request) {
        return TaskAccepted.of(service.submit(org, request));
    }

    @POST
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Dry run: what the export would carry (units, new and base blobs, bytes, volumes), writing nothing")
    public ExportDtos.PlanView plan(@PathParam("org") String org, @Valid @NotNull ExportDtos.ExportRequest request) {
        return service.plan(org, request);
    }

    @POST
    @io.ferry.audit.Audited(value = "export.stream", separateTransaction = true)
    @Path("/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"application/gzip", MediaType.APPLICATION_JSON})
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Export as one tar.gz streamed in the response, written nowhere on the server (recorded in history)")
    public Response stream(@PathParam("org") String org, @Valid @NotNull ExportDtos.ExportRequest request) {
        ExportRunner.Prepared p = service.prepareStream(org, request);
        StreamingOutput body = out -> runner.stream(p, out);
        return Response.ok(body, "application/gzip")
                .header("Content-Disposition", "attachment; filename=\"" + p.job().volumeName(p.id(), 1) + "\"")
                .header("X-Ferry-Export-Id", p.id())
                .header("X-Ferry-Manifest-Sha256", p.manifestSha()).build();
    }

    @GET
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Export history, newest first")
    public Page<ExportDtos.ExportView> list(@PathParam("org") String org, @QueryParam("scopeKind") String scopeKind,
                                            @QueryParam("status") String status,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(org, scopeKind, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Show an export with its volumes and checksums")
    public ExportDtos.ExportView get(@PathParam("org") String org, @PathParam("id") long id) {
        return service.get(org, id);
    }

    @DELETE
    @io.ferry.audit.Audited("export.delete")
    @Path("/{id}")
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Delete an export's files and its record")
    public Response delete(@PathParam("org") String org, @PathParam("id") long id) {
        service.delete(org, id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/files/{name}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Download a volume, manifest.json, volumes.json or SHA256SUMS of a tgz/iso export")
    public Response file(@PathParam("org") String org, @PathParam("id") long id, @PathParam("name") String name) {
        File f = service.file(org, id, name).toFile();
        return Response.ok(f, MediaType.APPLICATION_OCTET_STREAM).header("Content-Length", f.length())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/{id}/files/tree.tar")
    @Produces({"application/x-tar", MediaType.APPLICATION_JSON})
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Download a dir export's whole tree as one uncompressed tar stream (regular files and directories)")
    public Response tree(@PathParam("org") String org, @PathParam("id") long id) {
        java.nio.file.Path root = service.tree(org, id);
        jakarta.ws.rs.core.StreamingOutput body = out -> DirExportTar.write(root, out);
        return Response.ok(body, "application/x-tar").header("Content-Disposition", "attachment; filename=\"export-" + id
                + ".tar\"").build();
    }
}
