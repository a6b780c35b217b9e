package io.ferry.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTPS server on 127.0.0.1 that requires a client certificate and serves files plus a
 * PULP_MANIFEST, as a remote (a Pulp or another Ferry) would. It can break a file's first transfer
 * half-way, and records every request so tests can see what was downloaded.
 */
final class FakeRemote implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    final TestCertificates certs;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, Integer> breakOnce = new ConcurrentHashMap<>();
    volatile String manifest;
    /** Each file response waits this long first, so concurrent downloads overlap observably. */
    volatile long delayMillis;
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    /** The most file responses in progress at once. */
    final java.util.concurrent.atomic.AtomicInteger maxActive = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpsServer server;

    FakeRemote(TestCertificates certs) throws Exception {
        this.certs = certs;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certs.serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                params.setNeedClientAuth(true);
            }
        });
        server.createContext("/repo/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/repo/";
    }

    /** Serves the files with a manifest listing them as they are. */
    void publish(Map<String, byte[]> content) {
        files.clear();
        files.putAll(content);
        StringBuilder m = new StringBuilder();
        content.forEach((path, data) -> m.append(path).append(',').append(ContentFixtures.sha256(data)).append(',')
                .append(data.length).append('\n'));
        manifest = m.toString();
    }

    long requestsFor(String path) {
        return requests.stream().filter(r -> r.startsWith(path + " ")).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = URLDecoder.decode(ex.getRequestURI().getRawPath().substring("/repo/".length()), StandardCharsets.UTF_8);
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + " " + range);
        byte[] body = "PULP_MANIFEST".equals(path) ? manifest.getBytes(StandardCharsets.UTF_8) : files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (!"PULP_MANIFEST".equals(path)) {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                active.decrementAndGet();
            }
        }
        int from = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            from = Integer.parseInt(m.group(1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            Integer cut = breakOnce.remove(path);
            if (cut != null) {
                out.write(body, from, cut - from);
                out.flush();
                throw new IOException("connection broken on purpose");
            }
            out.write(body, from, body.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
