package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.serving.ContentConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The central gate of {@code /api/v1} (and of {@code /content} and {@code /vcsp} unless {@code ferry.content.anonymous}):
 * authenticates the caller (Basic or Bearer; without either, a TLS client certificate of an enrolled downstream
 * server) and checks the permission the endpoint declares with
 * {@link RequiresPermission}. Endpoints declaring none are refused.
 */
public class AuthFilter {
    static final String API_PREFIX = "api/v1";
    static final String CONTENT_PREFIX = "content/";
    /** Published repositories as vCenter subscribed libraries: read like /content. */
    static final String VCSP_PREFIX = "vcsp/";

    @Inject
    Authenticator authenticator;
    @Inject
    CurrentUser currentUser;
    @Inject
    ContentConfig contentConfig;
    @Inject
    PrincipalCache cache;

    @Inject
    io.ferry.audit.AuditContext audit;

    @Inject
    Instance<ClientCertificateAuthenticator> certificates;
    @Inject
    Instance<PushCertificateAuthenticator> pushers;

    @ServerRequestFilter
    public void filter(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        boolean content = p.startsWith(CONTENT_PREFIX) || p.startsWith(VCSP_PREFIX);
        if (!p.startsWith(API_PREFIX) && !content || content && contentConfig.anonymous()) {
            return;
        }
        String authorization = ctx.getHeaderString("Authorization");
        X509Certificate[] chain = authorization == null || authorization.isBlank() ? peerCertificates(request) : null;
        Authenticator.Principal principal = chain != null ? certificate(chain) : authenticate(authorization);
        currentUser.set(principal);
        io.ferry.audit.Audited audited = resource.getResourceMethod().getAnnotation(io.ferry.audit.Audited.class);
        if (audited != null) {
            audit.begin(audited.value(), audited.separateTransaction(), principal.username(), request == null || request.remoteAddress() == null ? null
                    : request.remoteAddress().hostAddress(), ctx.getUriInfo().getPathParameters().getFirst("org"),
                    ctx.getMethod() + " /" + p);
        }
        RequiresPermission required = resource.getResourceMethod().getAnnotation(RequiresPermission.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresPermission.class);
        }
        if (required == null) {
            throw new FerryException(ErrorCode.FORBIDDEN, "This endpoint declares no permission and is refused for everyone. "
                    + "Report this to the Ferry developers.");
        }
        if (!principal.permissions().contains(required.value())) {
            throw new FerryException(ErrorCode.FORBIDDEN, (principal.scope() != null ? principal.scope().owner() : "User '"
                    + principal.username() + "'") + " lacks the permission '" + required.value().id() + "'. "
                    + (principal.scope() != null ? principal.scope().refusalHint() : "Ask an administrator to grant it."));
        }
        if (principal.scope() != null) {
            principal.scope().check(ctx.getMethod(), p, ctx.getUriInfo().getPathParameters(), required.value());
        }
    }

    /** A downstream server's enrolled certificate, else an upstream's pushing content here (remembered by the leaf's bytes). */
    private Authenticator.Principal certificate(X509Certificate[] chain) {
        String leaf;
        try {
            leaf = Base64.getEncoder().encodeToString(chain[0].getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return checkCertificate(chain);
        }
        return cache.get("C", leaf, () -> new PrincipalCache.Checked(checkCertificate(chain), chain[0].getNotAfter().getTime()));
    }

    private Authenticator.Principal checkCertificate(X509Certificate[] chain) {
        try {
            return certificates.get().authenticate(chain);
        } catch (FerryException e) {
            if (e.errorCode() != ErrorCode.CLIENT_CERTIFICATE_UNKNOWN || !pushers.isResolvable()) {
                throw e;
            }
            Authenticator.Principal p = pushers.get().authenticate(chain);
            if (p == null) {
                throw e;
            }
            return p;
        }
    }

    /** The client certificate chain of a TLS connection, or null (plain HTTP, or none presented). */
    private static X509Certificate[] peerCertificates(HttpServerRequest request) {
        if (request == null || !request.isSSL() || request.sslSession() == null) {
            return null;
        }
        try {
            Certificate[] certs = request.sslSession().getPeerCertificates();
            if (certs == null || certs.length == 0 || !(certs[0] instanceof X509Certificate)) {
                return null;
            }
            X509Certificate[] out = new X509Certificate[certs.length];
            for (int i = 0; i < certs.length; i++) {
                out[i] = (X509Certificate) certs[i];
            }
            return out;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private Authenticator.Principal authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw new FerryException(ErrorCode.UNAUTHENTICATED, "Send credentials: HTTP Basic (user and password), "
                    + "'Authorization: Bearer <token>', or over HTTPS a downstream server's client certificate.", "Authorization", null, Authenticator.CHALLENGE);
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
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            return cache.get("B", user + '\u0000' + password, () -> PrincipalCache.Checked.forever(authenticator.basic(user,
                    password)));
        }
        if ("Bearer".equalsIgnoreCase(scheme) && !value.isEmpty()) {
            return cache.get("T", value, () -> authenticator.bearerChecked(value));
        }
        throw new FerryException(ErrorCode.UNAUTHENTICATED, "Unsupported Authorization scheme '" + scheme
                + "'. Use Basic or Bearer.", "Authorization", null, Authenticator.CHALLENGE);
    }
}
