package io.ferry.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the server is. Flags win over environment variables (FERRY_SERVER), which win over the default. */
public class ConnectionOptions {
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
