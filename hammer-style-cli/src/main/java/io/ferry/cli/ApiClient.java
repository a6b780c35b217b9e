package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's REST API as the commands use it: JSON in and out, problem+json turned into one readable
 * line and hammer's exit codes (401 → 129, 403 → 77, 404 → 128, 409/422 → 65, 5xx → 70, unreachable → 69).
 */
public class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    public ApiClient(ConnectionOptions connection) {
        this(connection, connection.authorization());
    }

    /** With explicit credentials (login). */
    public ApiClient(ConnectionOptions connection, String authorization) {
        this.base = connection.serverUri();
        this.authorization = authorization;
        // HTTP/1.1: file uploads stream with back-pressure (the server does not speak HTTP/2)
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        String ca = connection.caBundle();
        if (ca != null) {
            b.sslContext(Tls.trusting(Path.of(ca)));
        }
        this.http = b.build();
    }

    /** The server this client talks to. */
    public URI base() {
        return base;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    /** A text answer (a PEM file), with errors as for every call. */
    public String text(String path) {
        HttpResponse<String> r = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw problem(r.statusCode(), parse(r.body()));
        }
        return r.body();
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)));
    }

    public JsonNode put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(json(body)));
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    /** Streams a file as the body of a POST (never read into memory), printing progress every two seconds. */
    public JsonNode postFile(String path, Path file, PrintWriter out) {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.DATA_ERROR, "cannot read " + file + ": " + e.getMessage());
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new Progress.Counting(java.nio.file.Files.newInputStream(file), size, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), size);
        return send(request(path).header("Content-Type", "application/octet-stream").POST(body));
    }

    /** Streams a generated body (e.g. a tar stream of a tree) as the body of a POST, chunked. */
    public JsonNode postStream(String path, String contentType, java.util.function.Supplier<java.io.InputStream> body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofInputStream(body)));
    }

    /** Follows a task until it ends (progress bar or lines, Ctrl-C prompt); answers the finished task. */
    public JsonNode await(JsonNode task, PrintWriter out) {
        return new TaskWatch(this, out).await(task);
    }

    /** A file download, streamed (never held in memory); errors as for every call. */
    public HttpResponse<java.io.InputStream> download(String path) {
        HttpResponse<java.io.InputStream> r = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() >= 400) {
            String body;
            try (java.io.InputStream in = r.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw problem(r.statusCode(), parse(body));
        }
        return r;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofHours(12));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body == null ? JsonNodeFactory.instance.objectNode() : body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder b) {
        HttpResponse<String> r = exchange(b, HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(r.body());
        if (r.statusCode() >= 400) {
            throw problem(r.statusCode(), body);
        }
        return body;
    }

    /** One HTTP exchange; an unreachable server is exit 69 with what to do. */
    private <T> HttpResponse<T> exchange(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(b.build(), handler);
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot connect to " + base + ": is the server running? "
                    + "Start it with ./ferry-server or pass --server URL.");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted");
        }
    }

    /** The server's problem+json as one line with its code, and hammer's exit code for the status. */
    private CliException problem(int status, JsonNode body) {
        String detail = Hints.rewrite(body.path("detail").asText("HTTP " + status));
        String code = body.path("code").asText("");
        if (status == 401 && authorization == null) {
            detail += " Run ferry login, or give --username/--password, FERRY_PASSWORD or FERRY_TOKEN.";
        }
        return new CliException(exitFor(status), detail + (code.isEmpty() ? "" : " [" + code + "]"));
    }

    static int exitFor(int status) {
        return switch (status) {
            case 401 -> ExitCodes.UNAUTHORIZED;
            case 403 -> ExitCodes.PERMISSION_DENIED;
            case 404 -> ExitCodes.NOT_FOUND;
            case 400, 409, 413, 416, 422 -> ExitCodes.DATA_ERROR;
            case 502, 503, 507 -> ExitCodes.UNAVAILABLE;
            default -> status >= 500 ? ExitCodes.SOFTWARE : ExitCodes.DATA_ERROR;
        };
    }

    private static JsonNode parse(String s) {
        if (s == null || s.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode().put("detail", s.length() > 200 ? s.substring(0, 200) : s);
        }
    }
}
