package io.ferry.audit;

import io.ferry.common.Problem;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records what never reached a transaction of its own: failed logins (wrong password, unknown user, revoked or expired
 * token) and audited calls that were refused (403, or 404 for what the caller may not see) or failed.
 */
public class AuditFailures {
    private static final Set<String> LOGIN_FAILURES = Set.of("FERRY-AUTH-002", "FERRY-AUTH-003", "FERRY-AUTH-004");

    @Inject
    AuditContext context;
    @Inject
    AuditLog log;
    @Inject
    CurrentVertxRequest current;

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || context.recorded()) {
            return;
        }
        Problem p = response.getEntity() instanceof Problem problem ? problem : null;
        String code = p == null ? "HTTP " + status : p.code();
        String detail = p == null ? null : code + ": " + p.detail();
        if (status == 401 && LOGIN_FAILURES.contains(code)) {
            log.appendAlone(new AuditLog.What(claimed(request.getHeaderString("Authorization")), address(), "login.failed", null,
                    request.getMethod() + " " + path(request), "refused", detail, null));
        } else if (context.action() != null) {
            log.appendAlone(new AuditLog.What(context.actor(), context.address(), context.action(), context.organization(),
                    context.target(), status == 403 ? "refused" : "failed", detail, null));
        } else {
            return;
        }
        context.markRecorded();
    }

    /** Who the failed credentials claimed to be: a Basic user name, never a password or a token. */
    static String claimed(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                return user.length() > 200 || user.isEmpty() ? "(unreadable user name)" : user;
            } catch (IllegalArgumentException e) {
                return "(unreadable credentials)";
            }
        }
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? "(token)" : "(certificate)";
    }

    private String address() {
        var rc = current.getCurrent();
        return rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
    }

    private static String path(ContainerRequestContext request) {
        String p = request.getUriInfo().getPath();
        return p.startsWith("/") ? p : "/" + p;
    }
}
