package io.ferry.upload;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations/{org}/products/{product}/repositories/{repo}/content/archive")
@Tag(name = "Repository content")
public class ArchiveUploadResource {
    @Inject
    ArchiveUpload archive;

    @POST
    @io.ferry.audit.Audited(value = "repository-content.upload-archive", separateTransaction = true)
    @Consumes("application/x-tar")
    @RequiresPermission(Permission.UPLOAD_CONTENT)
    @Operation(summary = "Bulk upload: a tar stream of a tree becomes one new version (each file at its path in the archive; "
            + "mirror=true removes what the archive does not hold)")
    public Response upload(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                           @QueryParam("mirror") @DefaultValue("false") boolean mirror,
                           @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength, InputStream body) {
        UploadDtos.ArchiveResult r = archive.upload(org, product, repo, mirror, contentLength, body);
        return Response.status(r.created() ? 201 : 200).entity(r).build();
    }
}
