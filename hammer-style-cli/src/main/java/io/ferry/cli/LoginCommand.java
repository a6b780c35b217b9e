package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ferry login}: trades a password for an API token and stores the token (never the password) in the config file. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in: create an API token with your password and store it in the config file (mode 0600).",
        footer = {"", "The password comes from --password, FERRY_PASSWORD or a prompt; only the token is stored.", "",
                "Examples:", "  ferry --server https://ferry.example.org login --username admin",
                "  FERRY_PASSWORD=... ferry --server http://localhost:8080 login"})
public class LoginCommand implements Callable<Integer> {
    @ParentCommand
    FerryCli parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConnectionOptions c = parent.connection;
        String password = c.explicitPassword();
        if (password == null) {
            password = Terminal.readPassword("Password for " + c.user() + " at " + c.serverUri() + ": ");
        }
        if (password == null) {
            throw new CliException(ExitCodes.USAGE, "no password: give --password, FERRY_PASSWORD, or run ferry login in a terminal");
        }
        ApiClient api = new ApiClient(c, ConnectionOptions.basic(c.user(), password));
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        JsonNode t = api.post("/api/v1/tokens", ApiCommand.body().put("name", "ferry-cli@" + host));
        CliConfig config = c.config();
        config.set("server", c.serverUri().toString());
        config.set("username", c.user());
        config.set("token", t.path("token").asText());
        config.set("token-id", t.path("id").asText());
        config.set("password", null);
        config.save();
        spec.commandLine().getOut().println("Logged in to " + c.serverUri() + " as " + c.user() + "; token stored in "
                + config.path() + " (readable by you only).");
        return ExitCodes.OK;
    }
}
