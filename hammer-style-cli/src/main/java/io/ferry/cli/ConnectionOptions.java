package io.ferry.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where the server is and who is calling. Flags win over environment variables (FERRY_SERVER,
 * FERRY_USERNAME, FERRY_PASSWORD, FERRY_TOKEN, FERRY_CA_BUNDLE), which win over the config file
 * ({@link CliConfig}), which wins over the defaults.
 */
public class ConnectionOptions {
    private CliConfig config;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Config file (env FERRY_CONFIG; default ~/.config/ferry/cli.yml)")
    java.nio.file.Path configFile;

    CliConfig config() {
        if (config == null) {
            config = CliConfig.load(configFile != null ? configFile : CliConfig.defaultPath());
        }
        return config;
    }

    @Option(names = "--ca-bundle", paramLabel = "PEM", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "CA certificates (PEM) to trust for an https server (env FERRY_CA_BUNDLE; config ca-bundle)")
    String caBundle;

    /** The PEM file to trust, or null for the JDK's default trust store. */
    String caBundle() {
        return first(first(caBundle, System.getenv("FERRY_CA_BUNDLE")), config().get("ca-bundle"));
    }

    /** An explicit password from flag or environment (login uses it; it ignores a stored token). */
    String explicitPassword() {
        return first(password, System.getenv("FERRY_PASSWORD"));
    }

    String user() {
        return first(first(first(username, System.getenv("FERRY_USERNAME")), config().get("username")), "admin");
    }
    @Option(names = {"-u", "--username"}, paramLabel = "USER", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "User name (env FERRY_USERNAME; default admin)")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Password (env FERRY_PASSWORD; prefer the variable: flags show in the process list)")
    String password;

    @Option(names = "--token", paramLabel = "TOKEN", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "API token instead of a password (env FERRY_TOKEN; config token, written by ferry login)")
    String token;

    /** The Authorization header value, or null when no credentials were given. */
    String authorization() {
        String t = first(token, System.getenv("FERRY_TOKEN"));
        if (t != null) {
            return "Bearer " + t;
        }
        String p = explicitPassword();
        if (p == null) {
            String stored = config().get("token");
            if (stored != null) {
                return "Bearer " + stored;
            }
            p = config().get("password");
        }
        if (p == null) {
            return null;
        }
        return basic(user(), p);
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    @Option(names = {"-s", "--server"}, paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Server URL (env FERRY_SERVER; config server; default http://localhost:8080, or the port in QUARKUS_HTTP_PORT)")
    String server;

    URI serverUri() {
        String s = first(first(server, System.getenv("FERRY_SERVER")), config().get("server"));
        if (s == null) {
            // the server on this machine, on the port ./ferry-server was given in this shell (QUARKUS_HTTP_PORT)
            String port = System.getenv("QUARKUS_HTTP_PORT");
            s = "http://localhost:" + (port != null && port.matches("[0-9]{1,5}") ? port : "8080");
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
