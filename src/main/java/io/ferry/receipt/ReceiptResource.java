package io.ferry.receipt;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The upstream side: receipts a downstream sends (over mutual TLS before a sync, or carried by an operator). */
@Path("/api/v1/organizations/{org}/exports/receipts")
@Tag(name = "Exports")
public class ReceiptResource {
    @Inject
    Receipts receipts;

    @POST
    @io.ferry.audit.Audited(value = "receipt.receive", separateTransaction = true)
    @Consumes({ReceiptDtos.MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Store a downstream's signed receipt (verified: signer enrolled here with access to the organization, "
            + "content unchanged, made for this organization, fresh); an incremental export with receipt set carries what it lacks")
    public Response receive(@PathParam("org") String org, InputStream body) {
        ReceiptDtos.ReceiptView v = receipts.receive(org, body);
        return Response.status(201).entity(v).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.EXPORT_CONTENT)
    @Operation(summary = "Show a stored receipt")
    public ReceiptDtos.ReceiptView get(@PathParam("org") String org, @PathParam("id") long id) {
        return receipts.get(org, id);
    }
}
