package io.ferry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ferry logout}: revokes the stored token on the server and removes it from the config file. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Revoke the stored token and remove it from the config file.",
        footer = {"", "Example:", "  ferry logout"})
public class LogoutCommand implements Callable<Integer> {
    @ParentCommand
    FerryCli parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliConfig config = parent.connection.config();
        String id = config.get("token-id");
        if (config.get("token") == null) {
            spec.commandLine().getOut().println("Not logged in (no token in " + config.path() + ").");
            return ExitCodes.OK;
        }
        if (id != null) {
            try {
                new ApiClient(parent.connection).delete("/api/v1/tokens/" + ApiClient.enc(id));
            } catch (CliException e) {
                spec.commandLine().getErr().println("ferry: could not revoke the token on the server (" + e.getMessage()
                        + "); removing it here anyway.");
            }
        }
        config.set("token", null);
        config.set("token-id", null);
        config.save();
        spec.commandLine().getOut().println("Logged out; token removed from " + config.path() + ".");
        return ExitCodes.OK;
    }
}
