package io.ferry.downstream;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This server's client identity towards its upstream: make a request, install the certificate, show it. */
@Path("/api/v1/upstream")
@Tag(name = "Downstream servers")
public class UpstreamResource {
    @Inject
    UpstreamIdentity identity;

    @POST
    @io.ferry.audit.Audited("upstream-identity.request")
    @Path("/certificate-request")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Make a key pair and a certificate request to send to the upstream (the key never leaves this server)")
    public UpstreamDtos.Request request(UpstreamDtos.RequestBody body) {
        return identity.request(body == null ? null : body.name());
    }

    @PUT
    @io.ferry.audit.Audited("upstream-identity.install")
    @Path("/certificate")
    @RequiresPermission(Permission.MANAGE_TRUST)
    @Operation(summary = "Install the client certificate the upstream issued, and its CA")
    public UpstreamDtos.Installed install(UpstreamDtos.Install body) {
        return identity.install(body);
    }

    @GET
    @Path("/certificate")
    @RequiresPermission(Permission.VIEW_STATUS)
    @Operation(summary = "The installed client certificate towards the upstream")
    public UpstreamDtos.Installed installed() {
        return identity.installed();
    }
}
