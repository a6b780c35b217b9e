package io.ferry.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where the server is and who is calling. Flags win over environment variables (FERRY_SERVER,
 * FERRY_USERNAME, FERRY_PASSWORD, FERRY_TOKEN), which win over the defaults.
 */
public class ConnectionOptions {
    @Option(names = {"-u", "--username"}, paramLabel = "USER", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "User name (env FERRY_USERNAME; default admin)")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Password (env FERRY_PASSWORD; prefer the variable: flags show in the process list)")
    String password;

    @Option(names = "--token", paramLabel = "TOKEN", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "API token instead of a password (env FERRY_TOKEN)")
    String token;

    /** The Authorization header value, or null when no credentials were given. */
    String authorization() {
        String t = first(token, System.getenv("FERRY_TOKEN"));
        if (t != null) {
            return "Bearer " + t;
        }
        String p = first(password, System.getenv("FERRY_PASSWORD"));
        if (p == null) {
            return null;
        }
        String u = first(first(username, System.getenv("FERRY_USERNAME")), "admin");
        return "Basic " + java.util.Base64.getEncoder().encodeToString((u + ":" + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    @Option(names = {"-s", "--server"}, paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Server URL (env FERRY_SERVER; default http://localhost:8080)")
    String server;

    URI serverUri() {
        String s = server;
        if (s == null || s.isBlank()) {
            s = System.getenv("FERRY_SERVER");
        }
        if (s == null || s.isBlank()) {
            s = "http://localhost:8080";
        }
        try {
            URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "'" + s + "' is not a server URL; use e.g. http://localhost:8080");
        }
    }
}
