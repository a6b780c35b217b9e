package io.ferry.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server (target/quarkus-app) run as a separate OS process, as an operator runs it. */
final class ServerProcess {
    private final Process process;
    private final Path log;
    final int port;
    final int sslPort;

    private ServerProcess(Process process, Path log, int port, int sslPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.sslPort = sslPort;
    }

    static Path app() {
        return Path.of(System.getProperty("ferrytest.server.app", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }

    /** A server whose PostgreSQL binaries are linked to those an earlier server unpacked (see {@link FastStart}). */
    static ServerProcess start(Path dataDir, Map<String, String> env) throws IOException {
        if (!env.containsKey("QUARKUS_DATASOURCE_JDBC_URL")) {
            FastStart.linkBinaries(dataDir);
        }
        ServerProcess s = start(dataDir, env, List.of(), app());
        FastStart.remember(dataDir);
        return s;
    }

    /** A server on a data directory exactly as the operator gives it: nothing prepared in it. */
    static ServerProcess startFresh(Path dataDir, Map<String, String> env) throws IOException {
        return start(dataDir, env, List.of(), app());
    }

    /** {@code prefix} runs the JVM through another command (e.g. setpriv to become another user). */
    static ServerProcess start(Path dataDir, Map<String, String> env, List<String> prefix, Path app) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dataDir, env, prefix, app);
            } catch (PortTaken e) {
                // a free port found here can be taken by another test's server before this one binds it
                if (attempt == 5) {
                    throw new AssertionError("no free port after 5 attempts: " + e.getMessage());
                }
            }
        }
    }

    /** The server exited because another process bound its port first. */
    static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static ServerProcess startOnce(Path dataDir, Map<String, String> env, List<String> prefix, Path app) throws IOException {
        int port = freePort();
        int sslPort = freePort();
        Files.createDirectories(dataDir.getParent());
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + System.nanoTime() + ".log");
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // another user (prefix) could neither read nor write this JVM's class-data archive
        List<String> cds = prefix.isEmpty() ? FastStart.jvmOptions() : List.of();
        cmd.addAll(cds);
        cmd.addAll(List.of("-Xmx256m", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-jar", app.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FERRY_DATA_DIR", dataDir.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(sslPort));
        pb.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        FastStart.started(process, cds);
        ServerProcess s = new ServerProcess(process, log, port, sslPort);
        s.awaitReady();
        return s;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, as systemd or Ctrl-C would; waits for the JVM to exit. */
    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("server did not stop within 60 s; log: " + log);
        }
    }

    /** SIGKILL: no shutdown hooks, the embedded PostgreSQL is left running. */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail();
                if (tail.contains("Port already bound")) {
                    throw new PortTaken(tail.lines().filter(l -> l.contains("Port already bound")).findFirst().orElse(""));
                }
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + tail);
            }
            // another test's server may answer on a port this one failed to bind: ready means ours said it listens
            if (!Files.readString(log).contains("Listening on: http://0.0.0.0:" + port)) {
                sleep(200);
                continue;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(baseUri() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(200);
        }
        throw new AssertionError("server not ready within 120 s:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
