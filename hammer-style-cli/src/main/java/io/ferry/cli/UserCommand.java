package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry user}: local accounts, their role assignments, and changing your own password. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Users: create, list, show, update (enable, disable, reset password), delete; assign and remove roles.",
        subcommands = {UserCommand.ListCmd.class, UserCommand.Create.class, UserCommand.Info.class, UserCommand.Update.class,
            UserCommand.Delete.class, UserCommand.ChangePassword.class, UserCommand.AddRole.class, UserCommand.RemoveRole.class},
        footer = {"", "Examples:", "  ferry user create --login alice --user-password-file alice.pw",
            "  ferry user add-role --login alice --role 'Content Exporter' --organization ACME --product Templates",
            "  ferry user info --login alice", "  ferry user update --login alice --enabled false   # refused from the next request",
            "  ferry user remove-role --login alice --id 12", "  ferry user change-password   # your own; prompts"})
public class UserCommand extends Group {
    static final String PATH = "/api/v1/users";
    static final List<String> COLUMNS = List.of("id", "username", "admin", "enabled", "createdAt");
    static final List<String> ROLE_COLUMNS = List.of("id", "role", "organization", "products", "contentViews",
            "lifecycleEnvironments");

    static String one(String login) {
        return PATH + "/" + ApiClient.enc(login);
    }

    /** A password for another account: from the option, a file (first line), or a prompt; never echoed. */
    static class NewPassword {
        @Option(names = "--user-password", paramLabel = "PASSWORD", description = "The password (12 characters or more); "
                + "visible to other local users in the process list: prefer --user-password-file or the prompt")
        String value;
        @Option(names = "--user-password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE")
        java.nio.file.Path file;

        String get(boolean required, String prompt) {
            if (value != null && file != null) {
                throw new CliException(ExitCodes.USAGE, "Give --user-password or --user-password-file, not both.");
            }
            if (value != null) {
                return value;
            }
            if (file != null) {
                return CliFiles.read(file).lines().findFirst().orElse("");
            }
            if (!required) {
                return null;
            }
            String p = Terminal.readPassword(prompt);
            if (p == null) {
                throw new CliException(ExitCodes.USAGE, "No password: give --user-password-file FILE (or --user-password), or run "
                        + "this in a terminal to be prompted.");
            }
            return p;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static class ListCmd extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(PATH + "?size=500"), COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user (no roles until you add one).")
    static class Create extends ApiCommand {
        @Option(names = "--login", required = true, description = "User name")
        String login;
        @Mixin
        NewPassword password;
        @Option(names = "--admin", description = "An administrator: every permission everywhere")
        boolean admin;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body().put("username", login).put("password", password.get(true, "Password for " + login + ": "))
                    .put("admin", admin);
            JsonNode u = api.post(PATH, b);
            if (output.structured()) {
                output.structured(out(), u);
                return;
            }
            out().println("Created user '" + login + "' (id " + u.path("id").asText() + ")" + (admin ? ", an administrator." : ". "
                    + "Give it a role with: ferry user add-role --login " + login + " --role ROLE --organization ORG"));
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a user and its role assignments.")
    static class Info extends ApiCommand {
        @Option(names = "--login", required = true, description = "User name or id")
        String login;

        @Override
        protected void run(ApiClient api) {
            JsonNode u = api.get(one(login));
            JsonNode roles = api.get(one(login) + "/roles");
            if (output.structured()) {
                ObjectNode all = u.deepCopy();
                all.set("roles", roles);
                output.structured(out(), all);
                return;
            }
            output.object(out(), u, COLUMNS);
            out().println();
            output.list(out(), roles, ROLE_COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Enable, disable, make or unmake administrator, "
            + "or reset the password. Disabling refuses the user's tokens and logins from the next request.")
    static class Update extends ApiCommand {
        @Option(names = "--login", required = true, description = "User name or id")
        String login;
        @Option(names = "--enabled", arity = "1", paramLabel = "true|false", description = "false disables the account")
        Boolean enabled;
        @Option(names = "--admin", arity = "1", paramLabel = "true|false", description = "Administrator or not")
        Boolean admin;
        @Mixin
        NewPassword password;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body();
            if (enabled != null) {
                b.put("enabled", enabled);
            }
            if (admin != null) {
                b.put("admin", admin);
            }
            String p = password.get(false, null);
            if (p != null) {
                b.put("password", p);
            }
            if (b.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "Nothing to change: give --enabled, --admin or --user-password-file.");
            }
            output.object(out(), api.put(one(login), b), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user, its tokens and role assignments.")
    static class Delete extends ApiCommand {
        @Option(names = "--login", required = true, description = "User name or id")
        String login;

        @Override
        protected void run(ApiClient api) {
            api.delete(one(login));
            out().println("Deleted user '" + login + "'.");
        }
    }

    @Command(name = "change-password", mixinStandardHelpOptions = true, description = "Change your own password (your tokens "
            + "stay valid; ferry login again where the CLI stored a password).")
    static class ChangePassword extends ApiCommand {
        @Option(names = "--current-password-file", paramLabel = "FILE", description = "Your current password (default: the "
                + "connection's --password or FERRY_PASSWORD, else a prompt)")
        java.nio.file.Path current;
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "The new password (default: a prompt)")
        java.nio.file.Path next;

        @Override
        protected void run(ApiClient api) {
            FerryCli root = (FerryCli) spec.root().userObject();
            String cur = current != null ? firstLine(current) : root.connection.explicitPassword();
            if (cur == null) {
                cur = Terminal.readPassword("Current password: ");
            }
            String neu = next != null ? firstLine(next) : Terminal.readPassword("New password: ");
            if (cur == null || neu == null) {
                throw new CliException(ExitCodes.USAGE, "No password: give --current-password-file and --new-password-file, or run "
                        + "this in a terminal to be prompted.");
            }
            api.post("/api/v1/account/password", body().put("currentPassword", cur).put("newPassword", neu));
            out().println("Password changed.");
        }

        private static String firstLine(java.nio.file.Path f) {
            return CliFiles.read(f).lines().findFirst().orElse("");
        }
    }

    @Command(name = "add-role", mixinStandardHelpOptions = true, description = "Give a user a role in one organization (or "
            + "every one), optionally narrowed to named products, content views and lifecycle environments.")
    static class AddRole extends ApiCommand {
        @Option(names = "--login", required = true, description = "User name or id")
        String login;
        @Option(names = "--role", required = true, description = "Role name (ferry role list)")
        String role;
        @Option(names = "--organization", description = "Organization label (default: every organization)")
        String organization;
        @Option(names = "--product", split = ",", description = "Only these products (labels; repeat or comma-separate)")
        List<String> products = new ArrayList<>();
        @Option(names = "--content-view", split = ",", description = "Only these content views")
        List<String> contentViews = new ArrayList<>();
        @Option(names = "--lifecycle-environment", split = ",", description = "Only these lifecycle environments")
        List<String> environments = new ArrayList<>();

        @Override
        protected void run(ApiClient api) {
            if (organization == null && !(products.isEmpty() && contentViews.isEmpty() && environments.isEmpty())) {
                throw new CliException(ExitCodes.USAGE, "--product, --content-view and --lifecycle-environment narrow one "
                        + "organization: give --organization with them.");
            }
            ObjectNode b = body().put("role", role);
            ContentExportCommand.putIf(b, "organization", organization);
            products.forEach(b.putArray("products")::add);
            contentViews.forEach(b.putArray("contentViews")::add);
            environments.forEach(b.putArray("lifecycleEnvironments")::add);
            JsonNode a = api.post(one(login) + "/roles", b);
            if (output.structured()) {
                output.structured(out(), a);
                return;
            }
            out().println("Gave '" + login + "' the role '" + role + "' in " + (organization == null ? "every organization"
                    : "organization " + organization) + narrowing() + " (assignment " + a.path("id").asText() + ").");
        }

        private String narrowing() {
            List<String> parts = new ArrayList<>();
            if (!products.isEmpty()) {
                parts.add("products " + String.join(", ", products));
            }
            if (!contentViews.isEmpty()) {
                parts.add("content views " + String.join(", ", contentViews));
            }
            if (!environments.isEmpty()) {
                parts.add("lifecycle environments " + String.join(", ", environments));
            }
            return parts.isEmpty() ? "" : ", limited to " + String.join("; ", parts);
        }
    }

    @Command(name = "remove-role", mixinStandardHelpOptions = true, description = "Remove one of a user's role assignments "
            + "(ids from ferry user info).")
    static class RemoveRole extends ApiCommand {
        @Option(names = "--login", required = true, description = "User name or id")
        String login;
        @Option(names = "--id", required = true, description = "The assignment's id")
        Long id;

        @Override
        protected void run(ApiClient api) {
            api.delete(one(login) + "/roles/" + id);
            out().println("Removed assignment " + id + " from '" + login + "'.");
        }
    }
}
