package io.ferry.sync;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization's sync plan: when it syncs from its upstream, and how the last run went. */
@Path("/api/v1/organizations/{org}/sync-plan")
@Tag(name = "Upstream sync")
public class SyncPlanResource {
    @Inject
    SyncPlans plans;

    @GET
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "The sync plan: schedule, next and last run, last result")
    public SyncDtos.PlanView get(@PathParam("org") String org) {
        return plans.get(org);
    }

    @POST
    @io.ferry.audit.Audited("sync-plan.create")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Create the sync plan (cron schedule, random delay, enabled)")
    public Response create(@PathParam("org") String org, SyncDtos.PlanRequest request) {
        return Response.status(201).entity(plans.save(org, request, true)).build();
    }

    @PUT
    @io.ferry.audit.Audited("sync-plan.update")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Change the sync plan (fields left out keep their value)")
    public SyncDtos.PlanView update(@PathParam("org") String org, SyncDtos.PlanRequest request) {
        return plans.save(org, request, false);
    }

    @DELETE
    @io.ferry.audit.Audited("sync-plan.delete")
    @RequiresPermission(Permission.IMPORT_CONTENT)
    @Operation(summary = "Delete the sync plan (the upstream stays configured)")
    public Response delete(@PathParam("org") String org) {
        plans.delete(org);
        return Response.noContent().build();
    }
}
