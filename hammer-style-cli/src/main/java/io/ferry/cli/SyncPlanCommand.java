package io.ferry.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry sync-plan}: when an organization syncs from its upstream, and how the last run went. */
@Command(name = "sync-plan", mixinStandardHelpOptions = true,
        description = "Sync plans: a cron schedule (plus a random delay) on which an organization syncs from its upstream.",
        subcommands = {SyncPlanCommand.Create.class, SyncPlanCommand.ListCmd.class, SyncPlanCommand.Info.class,
            SyncPlanCommand.Update.class, SyncPlanCommand.Delete.class},
        footer = {"", "Examples:", "  ferry sync-plan create --organization ACME --cron '0 2 * * *' --random-delay 30m",
            "  ferry sync-plan list", "  ferry sync-plan info --organization ACME",
            "  ferry sync-plan update --organization ACME --enabled false", "  ferry sync-plan delete --organization ACME"})
public class SyncPlanCommand extends Group {
    static final List<String> COLUMNS = List.of("organization", "cron", "randomDelaySeconds", "enabled", "nextRunAt", "lastRunAt",
            "lastState", "lastSuccessAt", "lastError");

    static String plan(String org) {
        return ApiCommand.org(org) + "/sync-plan";
    }

    /** "30m", "90s", "2h" or plain seconds. */
    static int seconds(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,6})\\s*(s|m|h)?").matcher(text.trim());
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE, "--random-delay must be a duration such as 90s, 30m or 2h, not '" + text + "'.");
        }
        long n = Long.parseLong(m.group(1));
        long s = m.group(2) == null || m.group(2).equals("s") ? n : m.group(2).equals("m") ? n * 60 : n * 3600;
        if (s > 86_400) {
            throw new CliException(ExitCodes.USAGE, "--random-delay is at most 24h.");
        }
        return (int) s;
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true,
                description = "The organization that follows an upstream")
        String organization;
    }

    abstract static class Fields extends InOrg {
        @Option(names = "--random-delay", paramLabel = "DURATION", description = "Up to this long after each match (90s, 30m, 2h)")
        String randomDelay;
        @Option(names = "--enabled", paramLabel = "true|false", arity = "1", description = "Whether the plan fires")
        Boolean enabled;

        ObjectNode fields(String cron) {
            ObjectNode b = body();
            if (cron != null) {
                b.put("cron", cron);
            }
            if (randomDelay != null) {
                b.put("randomDelaySeconds", seconds(randomDelay));
            }
            if (enabled != null) {
                b.put("enabled", enabled);
            }
            return b;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create the organization's sync plan.")
    static class Create extends Fields {
        @Option(names = "--cron", required = true, description = "Five crontab fields, e.g. '0 2 * * *' (02:00 daily)")
        String cron;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.post(plan(organization), fields(cron)), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change the sync plan; options left out keep their value.")
    static class Update extends Fields {
        @Option(names = "--cron", description = "Five crontab fields")
        String cron;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.put(plan(organization), fields(cron)), COLUMNS);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every organization's sync plan.")
    static class ListCmd extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get("/api/v1/sync-plans"), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a sync plan: schedule, next and last run, result.")
    static class Info extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(plan(organization)), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the sync plan (the upstream stays configured).")
    static class Delete extends InOrg {
        @Override
        protected void run(ApiClient api) {
            api.delete(plan(organization));
            out().println("Deleted the sync plan of " + organization + ".");
        }
    }
}
