package io.ferry.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Ferry server for CLI tests: the packaged server named by -Dferrytest.server.app (run-tests
 * passes it), started as its own process with a fresh data directory and embedded PostgreSQL.
 */
final class RunningServer implements AutoCloseable {
    private final Process process;
    private final Path log;
    static final String ADMIN_PASSWORD = "cli-test-admin-password";
    final String url;
    /** The HTTPS listener, e.g. https://localhost:PORT (its certificate names localhost). */
    final String httpsUrl;

    final Path data;

    private RunningServer(Process process, Path log, String url, String httpsUrl, Path data) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.httpsUrl = httpsUrl;
        this.data = data;
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Where the tests' servers keep their data; every server may import bundles from below it. */
    static Path root() {
        return Path.of(System.getProperty("ferrytest.root", "target/test-data")).toAbsolutePath();
    }

    static RunningServer start() throws Exception {
        for (int attempt = 1; ; attempt++) {
            RunningServer s = startOnce();
            if (s != null) {
                return s;
            }
            // a free port found here can be taken by another test's server before this one binds it
            if (attempt == 5) {
                throw new IllegalStateException("no free port after 5 attempts");
            }
        }
    }

    /** {@code n} servers started side by side (a start is mostly waiting on one core); all or none. */
    static java.util.List<RunningServer> startAll(int n) throws Exception {
        java.util.List<java.util.concurrent.CompletableFuture<RunningServer>> starting = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return start();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        java.util.List<RunningServer> started = new java.util.ArrayList<>();
        Exception failure = null;
        for (var f : starting) {
            try {
                started.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e;
            }
        }
        if (failure != null) {
            for (RunningServer s : started) {
                s.close();
            }
            throw failure;
        }
        return started;
    }

    /** A started server, or null when another process bound its port first. */
    private static RunningServer startOnce() throws Exception {
        String app = System.getProperty("ferrytest.server.app");
        if (app == null || !Files.exists(Path.of(app))) {
            throw new IllegalStateException("CLI tests need the packaged server: run ./run-tests, or build it with "
                    + "'./mvnw package -DskipTests' and pass -Dferrytest.server.app=<repo>/target/quarkus-app/quarkus-run.jar");
        }
        Path root = root();
        Files.createDirectories(root);
        Path data = Files.createTempDirectory(root, "server-");
        int port = freePort();
        int sslPort = freePort();
        Path log = data.resolveSibling(data.getFileName() + ".log");
        FastStart.linkBinaries(data);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.util.List<String> cds = FastStart.jvmOptions();
        cmd.addAll(cds);
        cmd.addAll(java.util.List.of("-Xmx256m", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-jar", app));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FERRY_DATA_DIR", data.toString());
        pb.environment().put("FERRY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(sslPort));
        pb.environment().put("FERRY_IMPORT_ALLOWED_ROOTS", root.toString());
        pb.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        FastStart.started(process, cds);
        RunningServer server = new RunningServer(process, log, "http://127.0.0.1:" + port, "https://localhost:" + sslPort, data);
        if (!server.awaitReady(port)) {
            return null;
        }
        FastStart.remember(data);
        return server;
    }

    /** True when this server is ready; false when it exited because its port was taken. */
    private boolean awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            if (!process.isAlive()) {
                if (text.contains("Port already bound")) {
                    return false;
                }
                throw new IllegalStateException("server exited: " + text);
            }
            if (!text.contains("Listening on: http://0.0.0.0:" + port)) { // not another test's server on a taken port
                Thread.sleep(200);
                continue;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server not ready in 120 s; log " + log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }
}
