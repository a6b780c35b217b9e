package io.ferry.downstream;

import io.ferry.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real curl binary against the HTTPS listener on loopback: status, HTTP version and body of one request. */
public final class Curl {
    public record Reply(int exit, int status, String httpVersion, String body) {
    }

    private final Path dir;
    private final String base;

    public Curl(Path dir, String base) {
        this.dir = dir;
        this.base = base;
    }

    /** {@code auth} is "--cert X.pem --key X.key", "-u user:pw", or empty; extra curl arguments follow. */
    public Reply call(String method, String path, String auth, String... extra) throws Exception {
        boolean toFile = List.of(extra).contains("-o");
        Path body = toFile ? null : Files.createTempFile(dir, "body", ".out");
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "60", "--cacert", dir.resolve("ca.pem").toString(),
                "-w", "%{http_code} %{http_version}", "-X", method));
        if (!toFile) {
            cmd.addAll(List.of("-o", body.toString()));
        }
        if (!auth.isBlank()) {
            cmd.addAll(List.of(auth.trim().split(" ")));
        }
        cmd.addAll(List.of(extra));
        cmd.add(base + path);
        Tools.Result r = Tools.run(dir, cmd.toArray(String[]::new));
        String[] w = r.out().trim().split("\\s+");
        int status = w.length > 0 && w[w.length - 2 < 0 ? 0 : w.length - 2].matches("[0-9]{3}") ? Integer.parseInt(w[w.length - 2]) : 0;
        String version = w.length > 1 ? w[w.length - 1] : "";
        return new Reply(r.exit(), status, version, toFile ? "" : Files.readString(body));
    }

    public Reply get(String path, String auth) throws Exception {
        return call("GET", path, auth);
    }

    public Reply postJson(String path, String auth, String json) throws Exception {
        return call("POST", path, auth, "-H", "Content-Type: application/json", "--data", json);
    }
}
