package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry audit}: the append-only, hash-chained record of who did what; read and verified, never changed. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail: list records (newest first) and verify the hash chain.",
        subcommands = {AuditCommand.ListCmd.class, AuditCommand.Verify.class},
        footer = {"", "Examples:", "  ferry audit list --actor alice", "  ferry audit list --action export. --from 2026-11-01T00:00:00Z",
            "  ferry audit list --organization ACME --output json", "  ferry audit verify   # exit 65 and the first bad record when not intact"})
public class AuditCommand extends Group {
    static final String PATH = "/api/v1/audit";
    static final List<String> COLUMNS = List.of("id", "at", "actor", "address", "action", "organization", "result", "target",
            "manifestSha256");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit records, newest first.")
    static class ListCmd extends ApiCommand {
        @Option(names = "--from", paramLabel = "TIME", description = "From this time (ISO 8601, e.g. 2026-11-01T00:00:00Z)")
        String from;
        @Option(names = "--to", paramLabel = "TIME", description = "Up to this time")
        String to;
        @Option(names = {"--actor", "--user"}, description = "Who: a user name, or downstream:NAME")
        String actor;
        @Option(names = "--action", description = "An action (export.start), or a prefix ending in '.' (export.)")
        String action;
        @Option(names = "--organization", description = "Organization label")
        String organization;
        @Option(names = "--page", defaultValue = "0", description = "Page, from 0")
        int page;
        @Option(names = "--per-page", defaultValue = "50", description = "Records per page (up to 1000)")
        int perPage;

        @Override
        protected void run(ApiClient api) {
            StringBuilder q = new StringBuilder(PATH + "?page=" + page + "&size=" + perPage);
            param(q, "from", from);
            param(q, "to", to);
            param(q, "actor", actor);
            param(q, "action", action);
            param(q, "organization", organization);
            output.list(out(), api.get(q.toString()), COLUMNS);
        }

        private static void param(StringBuilder q, String name, String value) {
            if (value != null) {
                q.append('&').append(name).append('=').append(ApiClient.enc(value));
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Walk the hash chain from the first record; name "
            + "the first that does not match (exit 65). Keep the head hash it prints: a later walk that does not reach it means "
            + "records were cut from the end.")
    static class Verify extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            JsonNode v = api.get(PATH + "/verify");
            if (output.structured()) {
                output.structured(out(), v);
            } else if (v.path("valid").asBoolean()) {
                out().println("Audit trail intact: " + v.path("checked").asLong() + " records, last " + v.path("lastId").asText()
                        + ", head hash " + v.path("headHash").asText() + ".");
            }
            if (!v.path("valid").asBoolean()) {
                throw new CliException(ExitCodes.DATA_ERROR, "Audit trail broken at record " + v.path("firstInvalidId").asText()
                        + ": " + v.path("reason").asText() + " (" + v.path("checked").asLong() + " records checked before it).");
            }
        }
    }
}
