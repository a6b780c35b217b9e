package io.ferry.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry status}: the server's identity, version, database, storage and task figures. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the server's status (needs login).",
        footer = {"", "Examples:", "  ferry status", "  ferry --output yaml status"})
public class StatusCommand extends ApiCommand {
    @Override
    protected void run(ApiClient api) {
        var s = api.get("/api/v1/status");
        List<String> cols = new java.util.ArrayList<>();
        s.fieldNames().forEachRemaining(cols::add);
        output.object(out(), s, cols);
    }
}
