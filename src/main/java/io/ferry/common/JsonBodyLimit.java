package io.ferry.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP layer accepts bodies up to the largest upload, because files stream to disk. Every other body
 * (JSON) is read into memory, so it is refused above {@value #MAX_BYTES} bytes, or when it arrives
 * chunked without a length.
 */
public class JsonBodyLimit {
    static final long MAX_BYTES = 16L * 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext ctx) {
        MediaType type = ctx.getMediaType();
        if (type != null && MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(type)) {
            return;
        }
        String length = ctx.getHeaderString("Content-Length");
        String encoding = ctx.getHeaderString("Transfer-Encoding");
        boolean chunked = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        long n;
        try {
            n = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n > MAX_BYTES || (chunked && length == null)) {
            throw new FerryException(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies other than application/octet-stream uploads "
                    + "must declare a Content-Length of at most " + MAX_BYTES + " bytes.", "Content-Length");
        }
    }
}
