package io.ferry.serving;

import io.ferry.common.value.RelativePath;
import io.ferry.content.type.ContentTypes;
import io.ferry.security.Authenticator;
import io.ferry.security.Permission;
import io.ferry.security.PrincipalCache;
import io.ferry.storage.BlobStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The /content answer for what every node already knows: on the I/O thread, before the REST layer, a GET or HEAD of
 * plain path whose credentials, repository version and blob are all in memory is answered at once (200 or 304, the
 * same headers, the blob by sendfile). Everything else (a miss, a range, an index file, a client certificate, an
 * encoded or dotted path, a missing permission) goes on to {@link ContentServingResource}, which answers as always and
 * fills the caches, so this route never decides anything the full path would decide differently.
 */
@ApplicationScoped
public class ContentFastRoute {
    @Inject
    ContentCache cache;
    @Inject
    PrincipalCache principals;
    @Inject
    ContentConfig config;
    @Inject
    ContentTypes types;
    @Inject
    BlobStore blobs;
    @Inject
    io.ferry.system.Metrics metrics;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private io.micrometer.core.instrument.Counter fast;

    void register(@Observes Router router) {
        fast = io.micrometer.core.instrument.Counter.builder("ferry.content.fast.answers").description("/content requests "
                + "answered from memory on the I/O thread, before the REST layer (200, 304 or HEAD)").register(registry);
        router.route("/content/*").order(-100).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        boolean answered;
        try {
            answered = answer(ctx.request());
        } catch (RuntimeException e) {
            answered = false; // whatever it was, the full path answers it properly
        }
        if (answered) {
            fast.increment();
        } else {
            ctx.next();
        }
    }

    private boolean answer(HttpServerRequest req) {
        HttpMethod method = req.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD || req.getHeader("Range") != null) {
            return false;
        }
        if (!config.anonymous() && !allowed(req.getHeader("Authorization"))) {
            return false;
        }
        String uri = req.path();
        if (uri.indexOf('%') >= 0 || uri.contains("//") || uri.contains("/./") || uri.contains("/../") || uri.endsWith("/")) {
            return false;
        }
        String[] s = uri.substring("/content/".length()).split("/", 6);
        String key;
        String path;
        if (s.length == 6 && s[1].equals("Library") && s[2].equals("custom")) {
            key = ContentCache.latestKey(s[0], s[3], s[4]);
            path = s[5];
        } else if (s.length >= 5 && !(s[1].equals("Library") && s[2].equals("custom"))) {
            String[] e = uri.substring("/content/".length()).split("/", 5);
            key = ContentCache.environmentKey(e[0], e[1], e[2], e[3]);
            path = e[4];
        } else {
            return false;
        }
        PublishedRepository repo = cache.cachedRepository(key);
        if (repo == null || RelativePath.problem(path) != null || types.require(repo.contentType()).indexFiles().contains(path)) {
            return false;
        }
        ContentCache.Served unit = cache.cachedUnit(repo.repositoryId(), repo.version(), path);
        if (unit == null) {
            return false;
        }
        HttpServerResponse resp = req.response();
        resp.putHeader("ETag", unit.etag()).putHeader("Last-Modified", unit.lastModified());
        if (ContentSender.notModified(req.getHeader("If-None-Match"), req.getHeader("If-Modified-Since"), unit.etag(),
                unit.createdAt())) {
            resp.setStatusCode(304).end();
            return true;
        }
        resp.putHeader("Content-Type", "application/octet-stream").putHeader("Accept-Ranges", "bytes");
        if (method == HttpMethod.HEAD) {
            resp.putHeader("Content-Length", String.valueOf(unit.size())).end();
            return true;
        }
        metrics.served(unit.size());
        resp.sendFile(blobs.file(unit.sha256()).toString(), 0, unit.size());
        return true;
    }

    /** Known credentials that may read content, with no scope to check (a downstream's certificate goes the full path). */
    private boolean allowed(String authorization) {
        if (authorization == null) {
            return false;
        }
        Authenticator.Principal p = principals.cached(authorization);
        return p != null && p.scope() == null && p.permissions().contains(Permission.VIEW_CONTENT);
    }
}
