package io.ferry.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: s3proxy (copied to target/s3proxy by the build) in a child JVM with its filesystem
 * backend on a directory of the test's, on a free loopback port, with one identity. Several may share one directory:
 * a read-only one ({@code s3proxy.read-only-blobstore}) is how tests give subscribers a credential that can read the
 * bucket and change nothing.
 */
public final class S3Server implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;
    private final String identity;
    private final String credential;

    private S3Server(Process process, int port, Path dir, String identity, String credential) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.identity = identity;
        this.credential = credential;
    }

    /** Starts s3proxy on {@code dir}; {@code extra} are further s3proxy properties (read-only, latency). */
    public static S3Server start(Path dir, String identity, String credential, Map<String, String> extra) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", identity);
        p.setProperty("s3proxy.credential", credential);
        p.setProperty("jclouds.provider", "filesystem-nio2");
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        extra.forEach(p::setProperty);
        Path conf = Files.createTempFile(dir.getParent(), "s3proxy-", ".conf");
        try (var w = Files.newBufferedWriter(conf)) {
            p.store(w, null);
        }
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (mvn process-test-resources)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties", conf.toString()));
        Path log = dir.getParent().resolve("s3proxy-" + port + ".log");
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Server s = new S3Server(proc, port, dir, identity, credential);
        s.awaitUp(log);
        return s;
    }

    private void awaitUp(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode(); // 403 without credentials: it answers
                c.disconnect();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("s3proxy did not answer within 60 s: " + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    public String identity() {
        return identity;
    }

    public String credential() {
        return credential;
    }

    /** The process id, for tests that pause the server (SIGSTOP) to make a request hang at a known point. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
