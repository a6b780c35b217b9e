package io.ferry.sync;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every organization's sync plan, for one look at all of them. */
@Path("/api/v1/sync-plans")
@Tag(name = "Upstream sync")
public class SyncPlanListResource {
    @Inject
    SyncPlans plans;

    @GET
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "List the sync plans of all organizations")
    public List<SyncDtos.PlanView> list() {
        return plans.list();
    }
}
