package io.ferry.vcsp;

import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.serving.ContentSender;
import io.ferry.serving.PublishedRepositories;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A published repository as a vCenter subscribed library: the repository's /content URL with {@code /content}
 * replaced by {@code /vcsp}. {@code lib.json}, {@code items.json} and each item's {@code item.json} are generated;
 * every other path is the repository's file, served as /content serves it (ranges, ETag, 304).
 */
@Path("/vcsp/{org}")
@Tag(name = "Content library (VCSP)", description = "Published repositories as vSphere subscribed content libraries")
@RequiresPermission(Permission.VIEW_CONTENT)
public class VcspResource {
    @Inject
    PublishedRepositories published;
    @Inject
    ContentSender sender;
    @Inject
    VcspDocuments documents;

    @GET
    @Path("/Library/custom/{product}/{repo}/{path: .+}")
    @Operation(summary = "lib.json, items.json, an item's item.json, or a file of a repository's latest version")
    public Response latest(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                           @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) throws IOException {
        Library lib = new Library(org, Library.latestPath(product, repo), published.latest(org, product, repo));
        return answer(lib, ContentSender.asSent(path, request), headers, false);
    }

    @HEAD
    @Path("/Library/custom/{product}/{repo}/{path: .+}")
    @Operation(summary = "Headers of a library document or file of a repository's latest version")
    public Response latestHead(@PathParam("org") String org, @PathParam("product") String product, @PathParam("repo") String repo,
                               @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) throws IOException {
        Library lib = new Library(org, Library.latestPath(product, repo), published.latest(org, product, repo));
        return answer(lib, ContentSender.asSent(path, request), headers, true);
    }

    @GET
    @Path("/{env}/{cv}/{repo}/{path: .+}")
    @Operation(summary = "lib.json, items.json, an item's item.json, or a file of a repository an environment holds")
    public Response published(@PathParam("org") String org, @PathParam("env") String env, @PathParam("cv") String cv,
                              @PathParam("repo") String repo, @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) throws IOException {
        Library lib = new Library(org, Library.environmentPath(env, cv, repo), published.inEnvironment(org, env, cv, repo));
        return answer(lib, ContentSender.asSent(path, request), headers, false);
    }

    @HEAD
    @Path("/{env}/{cv}/{repo}/{path: .+}")
    @Operation(summary = "Headers of a library document or file of a repository an environment holds")
    public Response publishedHead(@PathParam("org") String org, @PathParam("env") String env, @PathParam("cv") String cv,
                                  @PathParam("repo") String repo, @PathParam("path") String path, HttpHeaders headers,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request)
            throws IOException {
        Library lib = new Library(org, Library.environmentPath(env, cv, repo), published.inEnvironment(org, env, cv, repo));
        return answer(lib, ContentSender.asSent(path, request), headers, true);
    }

    private Response answer(Library lib, String path, HttpHeaders h, boolean head) throws IOException {
        if (path.equals("lib.json")) {
            return document(lib, h, head, out -> documents.lib(lib, out));
        }
        if (path.equals("items.json")) {
            return document(lib, h, head, out -> documents.items(lib, out));
        }
        String key = itemKey(path);
        if (key != null && documents.hasItem(lib, key)) {
            return document(lib, h, head, out -> documents.item(lib, key, out));
        }
        return sender.send(lib.repo(), path, h, head);
    }

    /** The item an item.json path names ({@code FOLDER/item.json}, {@code FILE.item.json}, top {@code item.json}), or null. */
    static String itemKey(String path) {
        if (path.equals("item.json")) {
            return "";
        }
        if (path.endsWith("/item.json")) {
            return path.substring(0, path.length() - "/item.json".length());
        }
        if (path.endsWith(".item.json") && path.length() > ".item.json".length()) {
            return path.substring(0, path.length() - ".item.json".length());
        }
        return null;
    }

    private static Response document(Library lib, HttpHeaders h, boolean head, StreamingOutput body) {
        return ContentSender.generated(lib.repo(), "vcsp", MediaType.APPLICATION_JSON, h, head, body);
    }
}
