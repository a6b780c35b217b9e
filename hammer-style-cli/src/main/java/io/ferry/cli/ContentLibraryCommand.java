package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry content-library}: published repositories as vCenter subscribed libraries, and who may subscribe. */
@Command(name = "content-library", mixinStandardHelpOptions = true,
        description = "vCenter subscribed libraries: every published repository URL under /vcsp, and read-only subscriber credentials.",
        subcommands = {ContentLibraryCommand.SubscriberCredential.class},
        footer = {"", "Examples:",
            "  ferry content-library subscriber-credential create --organization ACME --library Library/custom/images/templates",
            "  ferry content-library subscriber-credential list --organization ACME",
            "  ferry content-library subscriber-credential revoke --organization ACME --id 3"})
public class ContentLibraryCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "username", "library", "url", "description", "createdBy", "createdAt", "revokedAt");

    static String credentials(String org) {
        return ApiCommand.org(org) + "/subscriber-credentials";
    }

    @Command(name = "subscriber-credential", mixinStandardHelpOptions = true,
            description = "Credentials a vCenter subscribes with: each reads one library and nothing else.",
            subcommands = {Create.class, ListCmd.class, Revoke.class},
            footer = {"", "Example:", "  ferry content-library subscriber-credential list --organization ACME"})
    static class SubscriberCredential extends Group {
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true,
                description = "The organization that publishes the library")
        String organization;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a credential for one library; its password is shown now and never again.",
            footer = {"", "Example:",
                "  ferry content-library subscriber-credential create --organization ACME --library Library/custom/images/templates"})
    static class Create extends InOrg {
        @Option(names = "--library", required = true, paramLabel = "PATH",
                description = "Library/custom/PRODUCT/REPO (a repository's latest version) or ENV/CONTENT_VIEW/REPO")
        String library;
        @Option(names = "--description", description = "What it is for, e.g. the vCenter that uses it")
        String description;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body();
            b.put("library", library);
            if (description != null) {
                b.put("description", description);
            }
            JsonNode c = api.post(credentials(organization), b);
            if (output.format == Output.Format.table) {
                out().println("Subscription URL:  " + api.base().toString().replaceAll("/+$", "") + c.path("url").asText());
                out().println("User name:         " + c.path("username").asText());
                out().println("Password:          " + c.path("password").asText());
                out().println("Give these three to the vCenter's subscribed library (Authentication: Basic). The password is not "
                        + "shown again; revoke with: ferry content-library subscriber-credential revoke --organization "
                        + organization + " --id " + c.path("id").asText());
                return;
            }
            output.object(out(), c, List.of("id", "username", "password", "library", "url"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organization's subscriber credentials.",
            footer = {"", "Example:", "  ferry content-library subscriber-credential list --organization ACME"})
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(credentials(organization)), COLUMNS);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a credential: refused from the next request on (the record stays).",
            footer = {"", "Example:", "  ferry content-library subscriber-credential revoke --organization ACME --id 3"})
    static class Revoke extends InOrg {
        @Option(names = "--id", required = true, description = "The credential's id (see list)")
        long id;

        @Override
        protected void run(ApiClient api) {
            JsonNode c = api.delete(credentials(organization) + "/" + id);
            out().println("Revoked subscriber credential " + id + " (" + c.path("username").asText() + ") of " + organization + ".");
        }
    }
}
