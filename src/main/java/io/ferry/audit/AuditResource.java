package io.ferry.audit;

import io.ferry.common.Page;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: readable and verifiable, never editable or deletable through the API. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who did what, when and from where; hash-chained")
public class AuditResource {
    @Inject
    AuditQueries queries;
    @Inject
    AuditVerifier verifier;

    @GET
    @RequiresPermission(Permission.VIEW_AUDIT)
    @Operation(summary = "List audit records, newest first (action ending in '.' matches a prefix, e.g. export.)")
    public Page<AuditDtos.AuditRecordView> list(@QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
                                                @QueryParam("actor") String actor, @QueryParam("action") String action,
                                                @QueryParam("organization") String organization,
                                                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) int size) {
        return queries.list(new AuditQueries.Filter(from, to, actor, action, organization), page, size);
    }

    @GET
    @Path("/verify")
    @RequiresPermission(Permission.VIEW_AUDIT)
    @Operation(summary = "Walk the hash chain and name the first record that does not match")
    public AuditDtos.VerificationView verify() {
        return verifier.verify();
    }
}
