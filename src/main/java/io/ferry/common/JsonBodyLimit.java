package io.ferry.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP layer accepts bodies up to the largest upload, because files stream to disk. Streamed bodies are
 * uploads ({@code application/octet-stream}, and {@code application/x-tar} for bulk uploads), pushed bundles ({@code application/gzip}) and receipts
 * ({@code application/pkcs7-mime}, limited by ferry.receipt.max-bytes as they stream). Every other body (JSON) is
 * read into memory, so it is refused above {@value #MAX_BYTES} bytes, or when it arrives chunked without a length.
 */
public class JsonBodyLimit {
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final java.util.List<MediaType> STREAMED = java.util.List.of(MediaType.APPLICATION_OCTET_STREAM_TYPE,
            new MediaType("application", "gzip"), new MediaType("application", "pkcs7-mime"), new MediaType("application", "x-tar"));

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext ctx) {
        MediaType type = ctx.getMediaType();
        if (type != null && STREAMED.stream().anyMatch(t -> t.isCompatible(type))) {
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
            throw new FerryException(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies other than streamed uploads, bundles and receipts "
                    + "must declare a Content-Length of at most " + MAX_BYTES + " bytes.", "Content-Length");
        }
    }
}
