package io.ferry.cli;

import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for the CLI's tests: s3proxy (copied to target/s3proxy by the build) in a child JVM, its
 * filesystem backend on {@code dir}, where a bucket is a folder and an object a file, so tests can check what was
 * written with sha256sum.
 */
final class S3Proxy implements AutoCloseable {
    final Process process;
    final String endpoint;
    final Path dir;

    private S3Proxy(Process process, String endpoint, Path dir) {
        this.process = process;
        this.endpoint = endpoint;
        this.dir = dir;
    }

    static S3Proxy start(Path dir, String identity, String credential) throws Exception {
        return start(dir, identity, credential, false);
    }

    /** {@code readOnly}: s3proxy's read-only blob store, the way a bucket policy gives subscribers a key that only reads. */
    static S3Proxy start(Path dir, String identity, String credential, boolean readOnly) throws Exception {
        Files.createDirectories(dir.resolve("buckets"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        Path conf = Files.writeString(dir.resolve("s3proxy-" + port + ".conf"), String.join("\n", "s3proxy.read-only-blobstore=" + readOnly,
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + identity, "s3proxy.credential=" + credential,
                "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + dir.resolve("buckets")) + "\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath().toString(),
                "--properties", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(dir.resolve("s3proxy-" + port + ".log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                c.getResponseCode();
                c.disconnect();
                return new S3Proxy(p, endpoint, dir);
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("s3proxy did not answer within 60 s");
    }

    /** A bucket of the filesystem backend is a folder. */
    Path bucket(String name) throws Exception {
        return Files.createDirectories(dir.resolve("buckets").resolve(name));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
