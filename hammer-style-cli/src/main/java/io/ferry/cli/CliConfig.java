package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The CLI's config file, YAML: {@code server}, {@code username}, {@code password} or {@code token},
 * {@code ca-bundle}. Found at {@code $FERRY_CONFIG}, else {@code $XDG_CONFIG_HOME/ferry/cli.yml}, else
 * {@code ~/.config/ferry/cli.yml}. {@code ferry login} writes a token here (mode 0600), never a password.
 */
final class CliConfig {
    private static final Set<String> KEYS = Set.of("server", "username", "password", "token", "ca-bundle", "token-id");
    private final Path path;
    private final ObjectNode values;

    private CliConfig(Path path, ObjectNode values) {
        this.path = path;
        this.values = values;
    }

    static Path defaultPath() {
        String explicit = System.getenv("FERRY_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("ferry").resolve("cli.yml");
    }

    static CliConfig load(Path p) {
        if (!Files.isRegularFile(p)) {
            return new CliConfig(p, Output.YAML.createObjectNode());
        }
        try {
            JsonNode n = Output.YAML.readTree(p.toFile());
            if (n == null || n.isMissingNode() || n.isNull()) {
                return new CliConfig(p, Output.YAML.createObjectNode());
            }
            if (!n.isObject()) {
                throw new CliException(ExitCodes.USAGE, "config file " + p + " is not a YAML mapping of server, username, token, "
                        + "ca-bundle");
            }
            n.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    throw new CliException(ExitCodes.USAGE, "config file " + p + ": unknown key '" + k + "'; known keys: " + KEYS);
                }
            });
            return new CliConfig(p, (ObjectNode) n);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "config file " + p + " is not valid YAML: " + e.getMessage());
        }
    }

    Path path() {
        return path;
    }

    String get(String key) {
        JsonNode v = values.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    void set(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** Writes the file readable by its owner only (it holds a token). */
    void save() {
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), "cli", ".yml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Output.YAML.writeValueAsString(values));
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.SOFTWARE, "cannot write " + path + ": " + e.getMessage());
        }
    }
}
