package io.ferry.receipt;

import io.ferry.organization.OrganizationEntity;
import io.ferry.organization.OrganizationRepository;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The downstream side: this server's signed receipt for an organization, to carry to its upstream. */
@Path("/api/v1/organizations/{org}/imports/receipt")
@Tag(name = "Imports")
public class ImportReceiptResource {
    @Inject
    ReceiptWriter writer;
    @Inject
    Receipts receipts;
    @Inject
    OrganizationRepository organizations;

    @GET
    @Produces({ReceiptDtos.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "This server's receipt for the organization: its import lineage and blob digests, signed with its "
            + "enrolled identity (CMS SignedData; openssl cms -verify unwraps it)")
    public Response receipt(@PathParam("org") String org, @QueryParam("upstreamOrganization") String upstreamOrganization) {
        OrganizationEntity o = QuarkusTransaction.requiringNew().call(() -> organizations.require(org));
        String forOrg = receipts.upstreamOrganization(o, upstreamOrganization);
        writer.requireIdentity();
        StreamingOutput body = out -> writer.write(o, forOrg, out);
        return Response.ok(body, ReceiptDtos.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + o.label + "-receipt.p7m\"").build();
    }
}
