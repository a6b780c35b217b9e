package io.ferry.upload;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/uploads")
@Tag(name = "Uploads", description = "Resumable chunked uploads; add a finished upload to a repository")
public class UploadResource {
    @Inject
    UploadService service;

    @POST
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Start an upload of a given size")
    public Response create(@Valid @NotNull UploadDtos.CreateUpload request) {
        var u = service.create(request.size());
        return Response.created(URI.create("/api/v1/uploads/" + u.id())).entity(u).build();
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Show an upload and its offset (where to resume)")
    public UploadDtos.UploadView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Send the next chunk: 'Content-Range: bytes first-last/total', first = current offset")
    public UploadDtos.UploadView put(@PathParam("id") UUID id, @HeaderParam("Content-Range") String contentRange, InputStream body) {
        return service.write(id, contentRange, body);
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Abandon an upload")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
