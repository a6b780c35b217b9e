package io.ferry.changes;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A mutating API request that succeeded may have changed what cached answers rely on, and its caller may read the
 * result at once: the generation moves before the response leaves, not a moment later when the database's
 * notification comes back. Chunks of resumable uploads, dry runs and checks change nothing cached and are left out.
 */
public class LocalChanges {
    @Inject
    ChangeFeed feed;

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || response.getStatus() >= 400) {
            return;
        }
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (path.startsWith("api/v1/uploads") || path.endsWith("/plan") || path.endsWith("/check")) {
            return;
        }
        feed.changed();
    }
}
