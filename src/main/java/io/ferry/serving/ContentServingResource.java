package io.ferry.serving;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only content for hosts and other servers: the files of a repository version, with HEAD, one
 * byte range, ETag (the SHA-256) and Last-Modified, plus each repository's generated index
 * (PULP_MANIFEST for file repositories) so plain HTTP clients and other servers can sync.
 */
@Path("/content/{org}")
@Tag(name = "Content", description = "Read-only files of published repositories, for hosts and other servers")
@RequiresPermission(Permission.VIEW_CONTENT)
public class ContentServingResource {
    @Inject
    PublishedRepositories published;
    @Inject
    ContentSender sender;

    private PublishedRepository latest(String org, String product, String repo) {
        return published.latest(org, product, repo);
    }

    private PublishedRepository inEnvironment(String org, String env, String cv, String repo) {
        return published.inEnvironment(org, env, cv, repo);
    }

    @GET
    @Path("/Library/custom/{product}/{repo}/{path: .+}")
    @Operation(summary = "A file of a repository's latest version")
    public Response latest(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                           @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        return sender.send(latest(org, product, repo), ContentSender.asSent(path, request), headers, false);
    }

    @HEAD
    @Path("/Library/custom/{product}/{repo}/{path: .+}")
    @Operation(summary = "Headers of a file of a repository's latest version")
    public Response latestHead(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                               @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        return sender.send(latest(org, product, repo), ContentSender.asSent(path, request), headers, true);
    }

    /** A repository's top without its slash: where the index is, so that its relative links resolve. */
    private static Response slash(io.vertx.core.http.HttpServerRequest request) {
        return Response.status(301).location(java.net.URI.create(request.path() + "/")).build();
    }

    @GET
    @Path("/Library/custom/{product}/{repo}/")
    @Operation(summary = "The HTML index of the top of a repository's latest version")
    public Response latestTop(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                              HttpHeaders headers, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        PublishedRepository r = latest(org, product, repo);
        return request.path().endsWith("/") ? sender.send(r, "", headers, false) : slash(request);
    }

    @GET
    @Path("/{env}/{cv}/{repo}/")
    @Operation(summary = "The HTML index of the top of a repository an environment holds")
    public Response publishedTop(@PathParam("org") String org, @PathParam("env") String env, @PathParam("cv") String cv,
                                 @PathParam("repo") String repo, HttpHeaders headers,
                                 @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        PublishedRepository r = inEnvironment(org, env, cv, repo);
        return request.path().endsWith("/") ? sender.send(r, "", headers, false) : slash(request);
    }

    @GET
    @Path("/{env}/{cv}/{repo}/{path: .+}")
    @Operation(summary = "A file of a repository in the content view version an environment holds")
    public Response published(@PathParam("org") String org, @PathParam("env") String env, @PathParam("cv") String cv,
                              @PathParam("repo") String repo, @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        return sender.send(inEnvironment(org, env, cv, repo), ContentSender.asSent(path, request), headers, false);
    }

    @HEAD
    @Path("/{env}/{cv}/{repo}/{path: .+}")
    @Operation(summary = "Headers of a file of a repository in the content view version an environment holds")
    public Response publishedHead(@PathParam("org") String org, @PathParam("env") String env, @PathParam("cv") String cv,
                                  @PathParam("repo") String repo, @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        return sender.send(inEnvironment(org, env, cv, repo), ContentSender.asSent(path, request), headers, true);
    }
}
