package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "content-view", mixinStandardHelpOptions = true, description = "Content views: selections of repositories published into versions.",
        subcommands = {ContentViewCommand.ListCmd.class, ContentViewCommand.Info.class, ContentViewCommand.Create.class,
                ContentViewCommand.Update.class, ContentViewCommand.Delete.class, ContentViewCommand.Publish.class,
                ContentViewCommand.PublishToTarget.class, ContentViewCommand.Version.class},
        footer = {"", "Examples:", "  ferry content-view create --organization ACME --name web --repositories images/isos",
                "  ferry content-view version units --organization ACME --content-view web --version 1.0",
                "  ferry content-view publish --organization ACME --name web",
                "  ferry content-view version promote --organization ACME --content-view web --version 1.0 \\",
                "      --to-lifecycle-environment Dev"})
public class ContentViewCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "label", "name", "importOnly", "latestVersion", "repositories");
    static final List<String> VERSION_COLUMNS = List.of("version", "unitCount", "totalSize", "repositories", "environments",
            "createdAt");

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;

        String views() {
            return org(organization) + "/content-views";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List content views.")
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(views() + "?size=500"), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a content view.")
    static class Info extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(views() + "/" + ApiClient.enc(name)), COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a content view.")
    static class Create extends InOrg {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--label")
        String label;
        @Option(names = "--repositories", split = ",", paramLabel = "PRODUCT/REPO", description = "Repositories (ids or product/repository)")
        List<String> repositories;
        @Option(names = "--import-only", description = "Versions come from imports only")
        boolean importOnly;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("name", name).put("importOnly", importOnly);
            if (label != null) {
                b.put("label", label);
            }
            var repos = b.putArray("repositories");
            (repositories == null ? List.<String>of() : repositories).forEach(repos::add);
            output.object(out(), api.post(views(), b), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Rename a content view, change its description or the repositories its next version pins.",
            footer = {"", "Example:", "  ferry content-view update --organization ACME --name web --repositories images/isos,images/templates"})
    static class Update extends InOrg {
        @Option(names = "--name", required = true, description = "Label, id or name")
        String name;
        @picocli.CommandLine.Mixin
        UpdateFields fields;
        @Option(names = "--repositories", split = ",", paramLabel = "PRODUCT/REPO", description = "Replace the repositories")
        List<String> repositories;

        @Override
        protected void run(ApiClient api) {
            var b = fields.body();
            if (repositories != null) {
                var repos = b.putArray("repositories");
                repositories.forEach(repos::add);
            }
            output.object(out(), api.put(views() + "/" + ApiClient.enc(name), b), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a content view and its versions.")
    static class Delete extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            api.delete(views() + "/" + ApiClient.enc(name));
            out().println("Content view " + name + " deleted.");
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a new version (waits unless --async).")
    static class Publish extends InOrg {
        @Option(names = "--name", required = true, description = "Label or id")
        String name;
        @Option(names = "--description")
        String description;
        @Option(names = "--async")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            var b = body();
            if (description != null) {
                b.put("description", description);
            }
            JsonNode t = follow(api, api.post(views() + "/" + ApiClient.enc(name) + "/publish", b), async);
            if (t != null) {
                out().println("Published " + t.path("result").path("contentView").asText() + " version "
                        + t.path("result").path("version").asText() + ": " + Output.count(t.path("result").path("units").asLong(), "unit"));
            }
        }
    }

    @Command(name = "publish-to-target", mixinStandardHelpOptions = true,
            description = "Write what a lifecycle environment holds of the content view into a publication target's bucket, "
                    + "one library per repository (waits unless --async).",
            footer = {"", "Example:",
                "  ferry content-view publish-to-target --organization ACME --name web --lifecycle-environment Prod --target west"})
    static class PublishToTarget extends InOrg {
        @Option(names = "--name", required = true, description = "Content view label or id")
        String name;
        @Option(names = {"--lifecycle-environment", "--lifecycle-environment-id"}, required = true, description = "Environment label or id")
        String environment;
        @Option(names = "--repository", description = "Only this repository of the view (default: all)")
        String repository;
        @Option(names = "--target", required = true, description = "The publication target's name (ferry publication-target list)")
        String target;
        @Option(names = "--async", description = "Print the task id and return at once")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("contentView", name).put("lifecycleEnvironment", environment);
            if (repository != null) {
                b.put("repository", repository);
            }
            PublicationTargetCommand.publish(this, api, organization, target, b, async);
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Content view versions.",
            subcommands = {ContentViewCommand.VersionList.class, ContentViewCommand.VersionInfo.class,
                    ContentViewCommand.VersionPromote.class, ContentViewCommand.VersionDelete.class, ContentViewCommand.VersionUnits.class})
    static class Version extends Group {
    }

    abstract static class InView extends InOrg {
        @Option(names = {"--content-view", "--content-view-id"}, required = true, description = "Content view label or id")
        String contentView;

        String versions() {
            return views() + "/" + ApiClient.enc(contentView) + "/versions";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List versions, newest first.")
    static class VersionList extends InView {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(versions() + "?size=500"), VERSION_COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a version.")
    static class VersionInfo extends InView {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--version", required = true, description = "e.g. 1.0")
        String version;

        @Override
        protected void run(ApiClient api) {
            java.util.List<String> cols = new java.util.ArrayList<>(VERSION_COLUMNS);
            cols.add("origin");
            output.object(out(), api.get(versions() + "/" + ApiClient.enc(version)), cols);
        }
    }

    @Command(name = "units", mixinStandardHelpOptions = true, description = "List a version's units: repository, path, SHA-256, size.")
    static class VersionUnits extends InView {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--version", required = true, description = "e.g. 1.0")
        String version;
        @Option(names = "--page", description = "Page (from 0) of --per-page units")
        int page;
        @Option(names = "--per-page", description = "Units per page (at most 5000)")
        int perPage = 5000;

        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(versions() + "/" + ApiClient.enc(version) + "/units?page=" + page + "&size=" + perPage),
                    List.of("product", "repository", "relativePath", "sha256", "size"));
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Promote a version to an environment (waits unless --async).")
    static class VersionPromote extends InView {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--version", required = true)
        String version;
        @Option(names = "--to-lifecycle-environment", required = true, split = ",", description = "Environment(s), in path order")
        List<String> environments;
        @Option(names = "--force", description = "Skip the path order")
        boolean force;
        @Option(names = "--async")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("force", force);
            environments.forEach(b.putArray("environments")::add);
            JsonNode t = follow(api, api.post(versions() + "/" + ApiClient.enc(version) + "/promote", b), async);
            if (t != null) {
                out().println("Promoted version " + t.path("result").path("version").asText() + " to "
                        + Output.text(t.path("result"), "environments"));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a version no environment holds.")
    static class VersionDelete extends InView {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--version", required = true)
        String version;

        @Override
        protected void run(ApiClient api) {
            api.delete(versions() + "/" + ApiClient.enc(version));
            out().println("Version " + version + " deleted.");
        }
    }
}
