package io.ferry.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "task", mixinStandardHelpOptions = true, description = "Long operations: sync, publish, promote, export, import.",
        subcommands = {TaskCommand.ListCmd.class, TaskCommand.Info.class, TaskCommand.ProgressCmd.class, TaskCommand.Cancel.class},
        footer = {"", "Examples:", "  ferry task list --state running", "  ferry task progress --id 0b6f..."})
public class TaskCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "type", "state", "step", "progress.unitsDone", "progress.bytesDone",
            "createdBy", "createdAt");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, newest first.")
    static class ListCmd extends ApiCommand {
        @Option(names = "--state", description = "waiting, running, completed, failed or canceled")
        String state;

        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get("/api/v1/tasks?size=100" + (state == null ? "" : "&state=" + ApiClient.enc(state))), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a task with its result or error.")
    static class Info extends ApiCommand {
        @Option(names = "--id", required = true)
        String id;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get("/api/v1/tasks/" + ApiClient.enc(id)), List.of("id", "type", "state", "step",
                    "progress.unitsDone", "progress.unitsTotal", "progress.bytesDone", "progress.bytesTotal", "result", "error.code",
                    "error.detail", "createdBy", "startedAt", "finishedAt"));
        }
    }

    @Command(name = "progress", mixinStandardHelpOptions = true, description = "Follow a task until it ends.")
    static class ProgressCmd extends ApiCommand {
        @Option(names = "--id", required = true)
        String id;

        @Override
        protected void run(ApiClient api) {
            var t = api.await(api.get("/api/v1/tasks/" + ApiClient.enc(id)), out());
            out().println("Task " + id + " completed: " + t.path("result"));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a waiting or running task.")
    static class Cancel extends ApiCommand {
        @Option(names = "--id", required = true)
        String id;

        @Override
        protected void run(ApiClient api) {
            out().println("Task " + id + ": " + api.post("/api/v1/tasks/" + ApiClient.enc(id) + "/cancel", null).path("state").asText());
        }
    }
}
