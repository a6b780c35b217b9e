package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.serving.ContentConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The central gate of {@code /api/v1} (and of {@code /content} unless {@code ferry.content.anonymous}):
 * authenticates the caller (Basic or Bearer) and checks the permission the endpoint declares with
 * {@link RequiresPermission}. Endpoints declaring none are refused.
 */
public class AuthFilter {
    static final String API_PREFIX = "api/v1";
    static final String CONTENT_PREFIX = "content/";

    @Inject
    Authenticator authenticator;
    @Inject
    CurrentUser currentUser;
    @Inject
    ContentConfig contentConfig;

    @ServerRequestFilter
    public void filter(ContainerRequestContext ctx, ResourceInfo resource) {
        String path = ctx.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        boolean content = p.startsWith(CONTENT_PREFIX);
        if (!p.startsWith(API_PREFIX) && !content || content && contentConfig.anonymous()) {
            return;
        }
        Authenticator.Principal principal = authenticate(ctx.getHeaderString("Authorization"));
        currentUser.set(principal.userId(), principal.username(), principal.permissions(), principal.tokenId());
        RequiresPermission required = resource.getResourceMethod().getAnnotation(RequiresPermission.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresPermission.class);
        }
        if (required == null) {
            throw new FerryException(ErrorCode.FORBIDDEN, "This endpoint declares no permission and is refused for everyone. "
                    + "Report this to the Ferry developers.");
        }
        if (!principal.permissions().contains(required.value())) {
            throw new FerryException(ErrorCode.FORBIDDEN, "User '" + principal.username() + "' lacks the permission '"
                    + required.value().id() + "'. Ask an administrator to grant it.");
        }
    }

    private Authenticator.Principal authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw new FerryException(ErrorCode.UNAUTHENTICATED, "Send credentials: HTTP Basic (user and password) or "
                    + "'Authorization: Bearer <token>'.", "Authorization", null, Authenticator.CHALLENGE);
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        if ("Basic".equalsIgnoreCase(scheme)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw Authenticator.badCredentials();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw Authenticator.badCredentials();
            }
            return authenticator.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if ("Bearer".equalsIgnoreCase(scheme) && !value.isEmpty()) {
            return authenticator.bearer(value);
        }
        throw new FerryException(ErrorCode.UNAUTHENTICATED, "Unsupported Authorization scheme '" + scheme
                + "'. Use Basic or Bearer.", "Authorization", null, Authenticator.CHALLENGE);
    }
}
