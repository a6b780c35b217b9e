import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * A plain static web server for the benchmarks (the JDK's HttpServer, 8 threads, loopback only): serves the
 * files below a directory, e.g. a tree with a PULP_MANIFEST. Usage: java bench/StaticServer.java DIR PORT
 */
public class StaticServer {
    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle + delayed ACK: 40 ms per small file
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 256);
        server.createContext("/", ex -> {
            Path p = root.resolve(URI.create(ex.getRequestURI().getRawPath()).getPath().substring(1)).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, Files.size(p));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(p, out);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("serving " + root + " on 127.0.0.1:" + args[1]);
    }
}
