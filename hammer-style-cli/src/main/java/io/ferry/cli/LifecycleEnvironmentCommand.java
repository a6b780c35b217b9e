package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lifecycle-environment", mixinStandardHelpOptions = true, description = "Lifecycle environments: stages after Library.",
        subcommands = {LifecycleEnvironmentCommand.ListCmd.class, LifecycleEnvironmentCommand.Info.class,
                LifecycleEnvironmentCommand.Create.class, LifecycleEnvironmentCommand.Delete.class, LifecycleEnvironmentCommand.Paths.class},
        footer = {"", "Examples:", "  ferry lifecycle-environment create --organization ACME --name Dev --prior Library",
                "  ferry lifecycle-environment paths --organization ACME"})
public class LifecycleEnvironmentCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "label", "name", "prior.label", "contentViews");

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;

        String envs() {
            return org(organization) + "/lifecycle-environments";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List environments.")
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(envs()), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show an environment and what it holds.")
    static class Info extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            JsonNode e = api.get(envs() + "/" + ApiClient.enc(name));
            output.object(out(), e, COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an environment after a prior one.")
    static class Create extends InOrg {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--label")
        String label;
        @Option(names = "--prior", required = true, description = "The environment before it (Library for the first)")
        String prior;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("name", name).put("prior", prior);
            if (label != null) {
                b.put("label", label);
            }
            output.object(out(), api.post(envs(), b), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the last environment of a path.")
    static class Delete extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            api.delete(envs() + "/" + ApiClient.enc(name));
            out().println("Lifecycle environment " + name + " deleted.");
        }
    }

    @Command(name = "paths", mixinStandardHelpOptions = true, description = "List promotion paths.")
    static class Paths extends InOrg {
        @Override
        protected void run(ApiClient api) {
            JsonNode paths = api.get(envs() + "/paths");
            if (output.format == Output.Format.json) {
                Output.json(out(), paths);
                return;
            }
            for (JsonNode path : paths) {
                List<String> labels = new java.util.ArrayList<>();
                path.forEach(e -> labels.add(e.path("label").asText()));
                out().println(String.join(" >> ", labels));
            }
        }
    }
}
