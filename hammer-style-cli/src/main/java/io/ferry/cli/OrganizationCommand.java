package io.ferry.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "organization", mixinStandardHelpOptions = true, description = "Organizations: the tenants everything belongs to.",
        subcommands = {OrganizationCommand.ListCmd.class, OrganizationCommand.Info.class, OrganizationCommand.Create.class,
                OrganizationCommand.Update.class, OrganizationCommand.Delete.class},
        footer = {"", "Examples:", "  ferry organization create --name 'ACME Corp' --label ACME", "  ferry organization list"})
public class OrganizationCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "label", "name", "description");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List organizations.")
    static class ListCmd extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get("/api/v1/organizations?size=500"), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show an organization.", footer = {"", "Example:", "  ferry organization info --name ACME"})
    static class Info extends ApiCommand {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(org(name)), List.of("id", "label", "name", "description", "importSignaturePolicy",
                    "createdAt"));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organization (and its Library environment).")
    static class Create extends ApiCommand {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--label", description = "Stable label (derived from the name when absent)")
        String label;
        @Option(names = "--description")
        String description;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("name", name);
            if (label != null) {
                b.put("label", label);
            }
            if (description != null) {
                b.put("description", description);
            }
            output.object(out(), api.post("/api/v1/organizations", b), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Rename an organization, change its description or its import signature policy.",
            footer = {"", "Examples:", "  ferry organization update --name ACME --new-name 'ACME Corporation'",
                    "  ferry organization update --name ACME --import-signature-policy if-present"})
    static class Update extends ApiCommand {
        @Option(names = "--name", required = true, description = "Label, id or name")
        String name;
        @picocli.CommandLine.Mixin
        UpdateFields fields;
        @Option(names = "--import-signature-policy", paramLabel = "require|if-present|off",
                description = "require: imports need a signature by a trusted certificate (default); if-present: unsigned "
                        + "bundles of earlier Ferry versions are accepted, signed ones are checked; off: not checked")
        String importSignaturePolicy;

        @Override
        protected void run(ApiClient api) {
            var b = fields.body();
            if (importSignaturePolicy != null) {
                b.put("importSignaturePolicy", importSignaturePolicy);
            }
            output.object(out(), api.put(org(name), b), List.of("id", "label", "name", "description", "importSignaturePolicy"));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an organization and everything in it.")
    static class Delete extends ApiCommand {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            api.delete(org(name));
            out().println("Organization " + name + " deleted.");
        }
    }
}
