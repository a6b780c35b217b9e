package io.ferry.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP(S) access to one remote: its TLS settings, optional Basic credentials, streamed responses. */
public final class RemoteClient {
    private final HttpClient http;
    private final URI base;
    private final String authorization;
    private final Duration timeout;

    public RemoteClient(RemoteSettings remote, Duration timeout) {
        this.base = URI.create(remote.url());
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        if (!"https".equals(base.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempt on every plain-HTTP connection
        } else {
            b.sslContext(RemoteTls.context(remote.caCert(), remote.clientCert(), remote.clientKey(), remote.tlsVerify()));
        }
        this.http = b.build();
        this.authorization = remote.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (remote.username() + ":" + (remote.password() == null ? "" : remote.password())).getBytes(StandardCharsets.UTF_8));
    }

    /** What a sync needs to know of a repository's remote. */
    public record RemoteSettings(String url, String caCert, String clientCert, String clientKey, String username, String password,
                                 boolean tlsVerify) {
    }

    public URI resolve(String relativePath) {
        StringBuilder p = new StringBuilder();
        for (String segment : relativePath.split("/")) {
            if (!p.isEmpty()) {
                p.append('/');
            }
            p.append(encodeSegment(segment));
        }
        return base.resolve(p.toString());
    }

    /** GETs a URI from {@code offset} on; the response is 200 (whole body) or 206 (from offset). */
    public HttpResponse<InputStream> get(URI uri, long offset) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        if (offset > 0) {
            r.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> res = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
        int s = res.statusCode();
        if (s != 200 && s != 206) {
            res.body().close();
            throw new HttpStatusException(s, uri);
        }
        return res;
    }

    /** A non-success HTTP answer; 5xx ones are worth retrying. */
    public static final class HttpStatusException extends IOException {
        private final int status;

        HttpStatusException(int status, URI uri) {
            super("the remote answered HTTP " + status + " for " + uri
                    + (status == 401 || status == 403 ? " (check the remote's username and password)" : ""));
            this.status = status;
        }

        public boolean retryable() {
            return status >= 500 || status == 408 || status == 429;
        }
    }

    static String encodeSegment(String segment) {
        return io.ferry.common.value.UrlPath.encodeSegment(segment);
    }
}
