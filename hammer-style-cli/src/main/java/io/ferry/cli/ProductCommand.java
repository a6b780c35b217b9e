package io.ferry.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "product", mixinStandardHelpOptions = true, description = "Products: named groups of repositories.",
        subcommands = {ProductCommand.ListCmd.class, ProductCommand.Info.class, ProductCommand.Create.class, ProductCommand.Update.class,
                ProductCommand.Delete.class},
        footer = {"", "Examples:", "  ferry product create --organization ACME --name 'OS Images' --label images",
                "  ferry product list --organization ACME"})
public class ProductCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "label", "name", "repositoryCount");

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;

        String products() {
            return org(organization) + "/products";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an organization's products.")
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(products() + "?size=500"), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a product.")
    static class Info extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(products() + "/" + ApiClient.enc(name)), List.of("id", "label", "name", "description",
                    "organization.label", "repositoryCount"));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a product.")
    static class Create extends InOrg {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--label")
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
            output.object(out(), api.post(products(), b), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Rename a product or change its description.",
            footer = {"", "Example:", "  ferry product update --organization ACME --name images --new-name 'OS Images'"})
    static class Update extends InOrg {
        @Option(names = "--name", required = true, description = "Label, id or name")
        String name;
        @picocli.CommandLine.Mixin
        UpdateFields fields;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.put(products() + "/" + ApiClient.enc(name), fields.body()), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a product and its repositories.")
    static class Delete extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            api.delete(products() + "/" + ApiClient.enc(name));
            out().println("Product " + name + " deleted.");
        }
    }
}
