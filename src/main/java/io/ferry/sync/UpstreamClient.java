package io.ferry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.downstream.UpstreamIdentity;
import io.ferry.trust.KeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS to one upstream with this server's client certificate (trust/upstream/), trusting only the upstream's
 * CA as installed from its approval, with host name verification. Answers JSON, or streams a body to a file;
 * an upstream's problem+json refusal becomes FERRY-SYNC-002 quoting its code and detail.
 */
final class UpstreamClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;

    private UpstreamClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    static UpstreamClient of(UpstreamIdentity identity, String url) {
        URI base = url(url);
        if (!Files.exists(identity.clientCertificate()) || !Files.exists(identity.clientKey())) {
            throw new FerryException(ErrorCode.SYNC_NOT_ENROLLED, "This server has no client certificate for its upstream. Make a "
                    + "request (ferry upstream request-certificate --name NAME --to NAME.csr), have the upstream approve it, then "
                    + "install the answer (ferry upstream install-certificate --file NAME.pem --ca-file upstream-ca.pem).");
        }
        if (!Files.exists(identity.upstreamCa())) {
            throw new FerryException(ErrorCode.SYNC_NOT_ENROLLED, "The upstream's CA is not installed, so its HTTPS certificate "
                    + "cannot be checked: ferry upstream install-certificate --file NAME.pem --ca-file upstream-ca.pem");
        }
        try {
            return of(KeyFiles.certificates(identity.clientCertificate()), KeyFiles.privateKey(identity.clientKey()),
                    KeyFiles.certificates(identity.upstreamCa()), base);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new FerryException(ErrorCode.SYNC_NOT_ENROLLED, "The client certificate or upstream CA under trust/upstream/ "
                    + "cannot be used: " + e.getMessage() + ". Install them again with ferry upstream install-certificate.", e);
        }
    }

    /** A client presenting {@code chain} (with its key) and trusting only {@code trusted} for the server's certificate. */
    static UpstreamClient of(List<X509Certificate> chain, java.security.PrivateKey key, List<X509Certificate> trusted, URI base)
            throws IOException, java.security.GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, new char[0], chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate c : trusted) {
            ts.setCertificateEntry("trusted-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20)).build();
        return new UpstreamClient(http, base);
    }

    static URI url(String url) {
        try {
            URI u = URI.create(url == null ? "" : url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"https".equals(u.getScheme()) || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "The upstream URL must be https://HOST:PORT (its HTTPS listener, "
                    + "port 8443 by default), not '" + url + "'.", "url");
        }
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2)).GET(),
                HttpResponse.BodyHandlers.ofString());
        return json(r.statusCode(), r.body());
    }

    /** POSTs JSON and answers the successful response's body as a stream; a refusal is thrown with the upstream's words. */
    HttpResponse<InputStream> postForStream(String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofHours(24))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() >= 300) {
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            json(r.statusCode(), text);
        }
        return r;
    }

    /** GETs {@code path} into {@code file} (streamed); a refusal is thrown with the peer's words. */
    void download(String path, java.nio.file.Path file) {
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(30)).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() >= 300) {
                json(r.statusCode(), new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.SYNC_UPSTREAM_UNREACHABLE, "Reading " + path + " from " + base + " broke off: "
                    + e.getMessage(), e);
        }
    }

    /** POSTs a body written by {@code body} as it goes (a pushed bundle) and answers the JSON response. */
    JsonNode postStream(String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofHours(24))
                .header("Content-Type", contentType).POST(body), HttpResponse.BodyHandlers.ofString());
        return json(r.statusCode(), r.body());
    }

    /** POSTs a file (a receipt) and answers the JSON response; a refusal is thrown with the upstream's words. */
    JsonNode postFile(String path, java.nio.file.Path file, String contentType) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", contentType).POST(body), HttpResponse.BodyHandlers.ofString());
        return json(r.statusCode(), r.body());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(b.build(), handler);
        } catch (SSLHandshakeException e) {
            throw new FerryException(ErrorCode.SYNC_UPSTREAM_UNREACHABLE, "The TLS handshake with " + base + " failed: " + e.getMessage()
                    + ". Its certificate must be issued by the CA installed from its approval (upstream-ca.pem) for the host "
                    + "name in the URL.", e);
        } catch (ConnectException e) {
            throw new FerryException(ErrorCode.SYNC_UPSTREAM_UNREACHABLE, "Cannot connect to the upstream " + base + ": is it running, "
                    + "and is its HTTPS port open?", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.SYNC_UPSTREAM_UNREACHABLE, "The connection to " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.SYNC_UPSTREAM_UNREACHABLE, "Interrupted while talking to " + base, e);
        }
    }

    private JsonNode json(int status, String body) {
        JsonNode n;
        try {
            n = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            n = JSON.createObjectNode();
        }
        if (status >= 300) {
            throw new UpstreamRefusal(status, n.path("code").asText(""), n.path("detail").asText("HTTP " + status));
        }
        return n;
    }

    /** The upstream answered with a problem. */
    static final class UpstreamRefusal extends FerryException {
        final int status;
        final String upstreamCode;

        UpstreamRefusal(int status, String code, String detail) {
            super(ErrorCode.SYNC_UPSTREAM_REFUSED, "The upstream refused (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + "): "
                    + detail);
            this.status = status;
            this.upstreamCode = code;
        }
    }
}
