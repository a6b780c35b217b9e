package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry role}: named sets of permissions; the built-in ones are read-only and can be copied. */
@Command(name = "role", mixinStandardHelpOptions = true,
        description = "Roles: list, show, create (or copy), update, delete, add and remove permissions.",
        subcommands = {RoleCommand.ListCmd.class, RoleCommand.Info.class, RoleCommand.Create.class, RoleCommand.Update.class,
            RoleCommand.Delete.class, RoleCommand.AddPermission.class, RoleCommand.RemovePermission.class},
        footer = {"", "Examples:", "  ferry role list", "  ferry role info --name 'Content Exporter'",
            "  ferry role create --name 'Exporter and Uploader' --copy-of 'Content Exporter' --permissions upload_content",
            "  ferry role remove-permission --name 'Exporter and Uploader' --permission upload_content",
            "  ferry role delete --name 'Exporter and Uploader'   # refused while a user holds it"})
public class RoleCommand extends Group {
    static final String PATH = "/api/v1/roles";
    static final List<String> COLUMNS = List.of("id", "name", "builtin", "permissions", "assignments");

    static String one(String name) {
        return PATH + "/" + ApiClient.enc(name);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List roles with their permissions.")
    static class ListCmd extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(PATH), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a role.")
    static class Info extends ApiCommand {
        @Option(names = "--name", required = true, description = "Role name or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(one(name)), List.of("id", "name", "description", "builtin", "permissions", "assignments",
                    "createdAt"));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a role: its permissions, or a copy of "
            + "another role's plus these.")
    static class Create extends ApiCommand {
        @Option(names = "--name", required = true, description = "Role name")
        String name;
        @Option(names = "--description", description = "Free text")
        String description;
        @Option(names = "--permissions", split = ",", paramLabel = "P,Q", description = "Permissions (see docs/permissions.md)")
        List<String> permissions;
        @Option(names = "--copy-of", paramLabel = "ROLE", description = "Start from this role's permissions (e.g. a built-in)")
        String copyOf;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body().put("name", name);
            ContentExportCommand.putIf(b, "description", description);
            ContentExportCommand.putIf(b, "copyOf", copyOf);
            if (permissions != null) {
                permissions.forEach(b.putArray("permissions")::add);
            }
            show(api.post(PATH, b));
        }

        private void show(JsonNode r) {
            output.object(out(), r, COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Rename a custom role, change its description, "
            + "or replace its permissions (users holding it have the new set from their next request).")
    static class Update extends ApiCommand {
        @Option(names = "--name", required = true, description = "Role name or id")
        String name;
        @Option(names = "--new-name", description = "New name")
        String newName;
        @Option(names = "--description", description = "New description")
        String description;
        @Option(names = "--permissions", split = ",", paramLabel = "P,Q", description = "The whole new set of permissions")
        List<String> permissions;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body();
            ContentExportCommand.putIf(b, "name", newName);
            ContentExportCommand.putIf(b, "description", description);
            if (permissions != null) {
                permissions.forEach(b.putArray("permissions")::add);
            }
            if (b.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "Nothing to change: give --new-name, --description or --permissions.");
            }
            output.object(out(), api.put(one(name), b), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a custom role no user holds.")
    static class Delete extends ApiCommand {
        @Option(names = "--name", required = true, description = "Role name or id")
        String name;

        @Override
        protected void run(ApiClient api) {
            api.delete(one(name));
            out().println("Deleted role '" + name + "'.");
        }
    }

    @Command(name = "add-permission", mixinStandardHelpOptions = true, description = "Add a permission to a custom role.")
    static class AddPermission extends ApiCommand {
        @Option(names = "--name", required = true, description = "Role name or id")
        String name;
        @Option(names = "--permission", required = true, description = "Permission, e.g. export_content")
        String permission;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.post(one(name) + "/permissions", body().put("permission", permission)), COLUMNS);
        }
    }

    @Command(name = "remove-permission", mixinStandardHelpOptions = true, description = "Remove a permission from a custom role.")
    static class RemovePermission extends ApiCommand {
        @Option(names = "--name", required = true, description = "Role name or id")
        String name;
        @Option(names = "--permission", required = true, description = "Permission, e.g. export_content")
        String permission;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.delete(one(name) + "/permissions/" + ApiClient.enc(permission)), COLUMNS);
        }
    }
}
