package io.ferry.serving;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoContentQueries;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.ContentTypes;
import io.ferry.common.value.RelativePath;
import io.ferry.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Answers one /content request: a unit's blob sent by the HTTP layer straight from its file (no copy
 * through the heap), honouring conditional requests and one byte range; or a generated index streamed
 * page by page from the database.
 */
@ApplicationScoped
public class ContentSender {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    @Inject
    io.ferry.system.Metrics metrics;
    @Inject
    RepoContentQueries queries;
    @Inject
    ContentTypes types;
    @Inject
    BlobStore blobs;
    @Inject
    ContentCache cache;
    @Inject
    DirectoryListing listing;

    public Response send(PublishedRepository repo, String path, HttpHeaders h, boolean head) {
        ContentType type = types.require(repo.contentType());
        if (path.isEmpty() || path.endsWith("/")) {
            return directory(repo, path, h, head);
        }
        if (type.indexFiles().contains(path)) {
            return index(repo, type, path, h, head);
        }
        ContentCache.Served unit = RelativePath.problem(path) != null ? null
                : cache.unit(repo.repositoryId(), repo.version(), path, () -> queries.unitAt(repo.repositoryId(), repo.version(), path)
                .map(u -> ContentCache.Served.of(u.sha256(), u.size(), u.createdAt())).orElse(null));
        if (unit == null) {
            throw new FerryException(ErrorCode.CONTENT_NOT_FOUND, "Repository '" + repo.label() + "' (version " + repo.version()
                    + ") holds nothing at '" + path + "'.", "path");
        }
        String etag = unit.etag();
        OffsetDateTime modified = unit.createdAt();
        String lastModified = unit.lastModified();
        if (notModified(h.getHeaderString(HttpHeaders.IF_NONE_MATCH), h.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE), etag,
                modified)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.LAST_MODIFIED, lastModified).build();
        }
        Path file = blobs.file(unit.sha256());
        long size = unit.size();
        String ifRange = h.getHeaderString("If-Range");
        boolean rangeApplies = ifRange == null || ifRange.equals(etag) || ifRange.equals(lastModified);
        ByteRange range = rangeApplies ? ByteRange.parse(h.getHeaderString("Range"), size) : null;
        long offset = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        Response.ResponseBuilder b = Response.status(range == null ? 200 : 206)
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, lastModified)
                .header("Accept-Ranges", "bytes");
        if (range != null) {
            b.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        if (head) {
            return b.header(HttpHeaders.CONTENT_LENGTH, length).build();
        }
        metrics.served(length);
        return b.entity(new PathPart(file, offset, length)).build();
    }

    private Response index(PublishedRepository repo, ContentType type, String name, HttpHeaders h, boolean head) {
        return generated(repo, "index", MediaType.TEXT_PLAIN + ";charset=utf-8", h, head,
                out -> type.writeIndex(name, consumer -> queries.walk(repo.repositoryId(), repo.version(), consumer), out));
    }

    /**
     * A document generated from a repository version (an index, a directory listing, a VCSP document): it changes only
     * with the version, which names its ETag ({@code kind} tells the documents of one version apart), so a client that
     * has it gets 304; the body is streamed only for a GET that needs it.
     */
    public static Response generated(PublishedRepository repo, String kind, String mediaType, HttpHeaders h, boolean head,
                                     StreamingOutput body) {
        String etag = "\"" + kind + "-" + repo.repositoryId() + "-" + repo.version() + "\"";
        String inm = h.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (inm != null && (inm.contains(etag) || inm.trim().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        Response.ResponseBuilder b = Response.ok().type(mediaType).header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL,
                "no-cache");
        return head ? b.build() : b.entity(body).build();
    }

    /** The path parameter with the trailing slash the request had (the REST layer drops it): "a/" asks for a directory. */
    public static String asSent(String path, io.vertx.core.http.HttpServerRequest request) {
        return request != null && request.path().endsWith("/") && !path.endsWith("/") ? path + "/" : path;
    }

    /** A directory URL: the HTML index of what the version holds below it, or 404 when it holds nothing there. */
    private Response directory(PublishedRepository repo, String path, HttpHeaders h, boolean head) {
        String dir = path.isEmpty() ? "" : path.substring(0, path.length() - 1);
        if (RelativePath.problem(dir.isEmpty() ? "x" : dir) != null || !listing.exists(repo, dir)) {
            throw new FerryException(ErrorCode.CONTENT_NOT_FOUND, "Repository '" + repo.label() + "' (version " + repo.version()
                    + ") holds no directory '" + path + "'.", "path");
        }
        return generated(repo, "dir", MediaType.TEXT_HTML + ";charset=utf-8", h, head,
                out -> listing.write(repo, dir, repo.label() + "/" + path, out));
    }

    /** Whether the client's copy is current: If-None-Match first, else If-Modified-Since (RFC 9110). */
    static boolean notModified(String inm, String ims, String etag, OffsetDateTime modified) {
        if (inm != null) {
            return inm.trim().equals("*") || inm.contains(etag);
        }
        if (ims != null) {
            try {
                return !modified.toInstant().isAfter(ZonedDateTime.parse(ims.trim(), HTTP_DATE).toInstant());
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }
}
