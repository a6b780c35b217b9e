package io.ferry.serving;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;

/**
 * File names as HTTP clients really send them under /content and /vcsp. A literal {@code ;} (as aiohttp, Pulp's
 * downloader and {@code curl --path-as-is} send it) is part of the name, not the start of a JAX-RS matrix
 * parameter the REST layer would strip; a literal {@code [}, {@code ]} or other character a URI may not hold is
 * the character, not a 400. The request goes on as if the client had percent-encoded them.
 */
@ApplicationScoped
public class LiteralPathCharacters {
    void register(@Observes Router router) {
        router.route().order(-110).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && (path.startsWith("/content/") || path.startsWith("/vcsp/"))) {
            String encoded = encode(path);
            if (encoded != null) {
                String query = ctx.request().query();
                ctx.reroute(encoded + (query == null ? "" : "?" + query));
                return;
            }
        }
        ctx.next();
    }

    /** The path with {@code ;} and every character a URI path may not hold percent-encoded; null when there is none. */
    static String encode(String path) {
        int i = 0;
        while (i < path.length() && allowed(path.charAt(i))) {
            i++;
        }
        if (i == path.length()) {
            return null;
        }
        StringBuilder b = new StringBuilder(path.length() + 16).append(path, 0, i);
        for (byte x : path.substring(i).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c < 0x80 && allowed(c)) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** RFC 3986 pchar, '/' and '%' (already encoded), but not ';'. */
    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,=:@/%".indexOf(c) >= 0;
    }
}
