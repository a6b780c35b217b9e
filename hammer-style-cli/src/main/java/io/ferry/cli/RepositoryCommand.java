package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repository", mixinStandardHelpOptions = true, description = "Repositories: typed content containers with immutable versions.",
        subcommands = {RepositoryCommand.ListCmd.class, RepositoryCommand.Info.class, RepositoryCommand.Create.class,
                RepositoryCommand.Update.class, RepositoryCommand.Delete.class, RepositoryCommand.UploadContent.class, RepositoryCommand.RemoveContent.class,
                RepositoryCommand.RestoreContent.class, RepositoryCommand.Synchronize.class, RepositoryCommand.PublishToTarget.class,
                RepositoryCommand.Version.class},
        footer = {"", "Examples:", "  ferry repository create --organization ACME --product images --name isos",
                "  ferry repository upload-content --organization ACME --product images --name isos --path alma-9.4.iso \\",
                "      --relative-path isos/alma-9.4.iso --metadata os=alma9",
                "  ferry repository upload-content --organization ACME --product images --name pool --directory /srv/pool",
                "  ferry repository synchronize --organization ACME --product images --name mirror",
                "  ferry repository restore-content --organization ACME --product images --name mirror --version 3 --path isos/a.iso"})
public class RepositoryCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "label", "name", "contentType", "latestVersion", "unitCount", "totalSize");

    abstract static class InProduct extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;
        @Option(names = {"--product", "--product-id"}, required = true, description = "Product label or id")
        String product;

        String repositories() {
            return org(organization) + "/products/" + ApiClient.enc(product) + "/repositories";
        }
    }

    abstract static class OneRepo extends InProduct {
        @Option(names = "--name", required = true, description = "Repository label or id")
        String name;

        String repo() {
            return repositories() + "/" + ApiClient.enc(name);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a product's repositories.")
    static class ListCmd extends InProduct {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(repositories() + "?size=500"), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a repository.")
    static class Info extends OneRepo {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(repo()), List.of("id", "label", "name", "contentType", "latestVersion", "unitCount",
                    "totalSize", "remote.url", "contentPath"));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a repository, optionally with a remote URL to sync from.")
    static class Create extends InProduct {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--label")
        String label;
        @Option(names = "--content-type", defaultValue = "file")
        String contentType;
        @Option(names = "--url", description = "Remote to sync from (a directory with a PULP_MANIFEST)")
        String url;
        @Option(names = "--ca-cert", description = "PEM file of CAs to trust for the remote")
        Path caCert;
        @Option(names = "--client-cert", description = "PEM client certificate for the remote")
        Path clientCert;
        @Option(names = "--client-key", description = "PEM key of the client certificate")
        Path clientKey;
        @Option(names = "--remote-username")
        String remoteUsername;
        @Option(names = "--remote-password", description = "Remote password (env FERRY_REMOTE_PASSWORD)")
        String remotePassword;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("name", name).put("contentType", contentType);
            if (label != null) {
                b.put("label", label);
            }
            if (url != null) {
                var r = b.putObject("remote").put("url", url);
                putFile(r, "caCert", caCert);
                putFile(r, "clientCert", clientCert);
                putFile(r, "clientKey", clientKey);
                if (remoteUsername != null) {
                    r.put("username", remoteUsername);
                }
                String pw = remotePassword != null ? remotePassword : System.getenv("FERRY_REMOTE_PASSWORD");
                if (pw != null) {
                    r.put("password", pw);
                }
            }
            output.object(out(), api.post(repositories(), b), COLUMNS);
        }

        private static void putFile(com.fasterxml.jackson.databind.node.ObjectNode n, String field, Path file) {
            if (file != null) {
                try {
                    n.put(field, Files.readString(file));
                } catch (java.io.IOException e) {
                    throw new CliException(ExitCodes.DATA_ERROR, "cannot read " + file + ": " + e.getMessage());
                }
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Rename a repository or change its description.",
            footer = {"", "Example:", "  ferry repository update --organization ACME --product images --name isos --description 'Install media'"})
    static class Update extends OneRepo {
        @picocli.CommandLine.Mixin
        UpdateFields fields;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.put(repo(), fields.body()), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a repository (refused while a content view version pins it).")
    static class Delete extends OneRepo {
        @Override
        protected void run(ApiClient api) {
            api.delete(repo());
            out().println("Repository " + name + " deleted.");
        }
    }

    @Command(name = "upload-content", mixinStandardHelpOptions = true,
            description = {"Upload a file (streamed, any size), or a whole directory tree as one tar stream, as a new repository version.",
                    "With --directory every regular file below DIR becomes a unit at its path below DIR (symbolic links and "
                            + "special files are skipped); --mirror also removes units the tree does not hold."})
    static class UploadContent extends OneRepo {
        @Option(names = "--path", description = "Local file to upload")
        Path path;
        @Option(names = "--directory", paramLabel = "DIR", description = "Local directory tree to upload in one stream")
        Path directory;
        @Option(names = "--mirror", description = "With --directory: the tree becomes the repository's whole content")
        boolean mirror;
        @Option(names = "--relative-path", description = "Path in the repository (default: the file name)")
        String relativePath;
        @Option(names = "--sha256", description = "Expected SHA-256; the upload fails and stores nothing if it differs")
        String sha256;
        @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata tag; repeatable")
        List<String> metadata;

        @Override
        protected void run(ApiClient api) {
            if ((path == null) == (directory == null)) {
                throw new CliException(ExitCodes.USAGE, "give either --path FILE or --directory DIR");
            }
            if (directory != null) {
                uploadTree(api);
                return;
            }
            if (mirror) {
                throw new CliException(ExitCodes.USAGE, "--mirror goes with --directory");
            }
            if (!Files.isRegularFile(path)) {
                throw new CliException(ExitCodes.DATA_ERROR, "no file " + path);
            }
            StringBuilder q = new StringBuilder(repo()).append("/content/upload?relativePath=")
                    .append(ApiClient.enc(relativePath != null ? relativePath : path.getFileName().toString()));
            if (sha256 != null) {
                q.append("&sha256=").append(ApiClient.enc(sha256));
            }
            for (String m : metadata == null ? List.<String>of() : metadata) {
                q.append("&metadata=").append(ApiClient.enc(m));
            }
            JsonNode r = api.postFile(q.toString(), path, out());
            out().println((r.path("created").asBoolean() ? "New version " : "Unchanged, version ")
                    + r.path("version").path("number").asInt() + ": " + Output.count(r.path("version").path("unitCount").asLong(), "unit") + ", "
                    + Output.bytes(r.path("version").path("totalSize").asLong()));
        }

        private void uploadTree(ApiClient api) {
            if (relativePath != null || sha256 != null || metadata != null) {
                throw new CliException(ExitCodes.USAGE, "--relative-path, --sha256 and --metadata go with --path, not --directory");
            }
            if (!Files.isDirectory(directory)) {
                throw new CliException(ExitCodes.DATA_ERROR, "no directory " + directory);
            }
            TreeArchive archive = new TreeArchive(directory, out());
            TreeArchive.Scan scan;
            try {
                scan = archive.scan();
            } catch (java.io.IOException e) {
                throw new CliException(ExitCodes.DATA_ERROR, "cannot read " + directory + ": " + e.getMessage());
            }
            out().println("Sending " + Output.count(scan.files(), "file") + ", " + Output.bytes(scan.bytes()) + " from " + directory
                    + (scan.skipped() > 0 ? " (skipped " + scan.skipped() + " symbolic links or special files)" : ""));
            out().flush();
            JsonNode r;
            try {
                r = api.postStream(repo() + "/content/archive" + (mirror ? "?mirror=true" : ""), "application/x-tar",
                        () -> archive.stream(scan));
            } catch (CliException e) {
                if (archive.failure() != null) {
                    throw new CliException(ExitCodes.DATA_ERROR, "reading " + directory + " failed: " + archive.failure().getMessage()
                            + "; nothing was added");
                }
                throw e;
            }
            out().println((r.path("created").asBoolean() ? "New version " : "Unchanged, version ")
                    + r.path("version").path("number").asInt() + ": " + Output.count(r.path("version").path("unitCount").asLong(), "unit")
                    + ", " + Output.bytes(r.path("version").path("totalSize").asLong()) + " (" + r.path("added").asLong() + " added, "
                    + r.path("removed").asLong() + " removed)");
        }
    }

    @Command(name = "remove-content", mixinStandardHelpOptions = true, description = "Remove units by relative path as a new repository version.")
    static class RemoveContent extends OneRepo {
        @Option(names = "--relative-path", required = true, description = "Path to remove; repeatable")
        List<String> paths;

        @Override
        protected void run(ApiClient api) {
            var b = body();
            paths.forEach(b.putArray("relativePaths")::add);
            JsonNode r = api.post(repo() + "/content/remove", b);
            out().println("New version " + r.path("version").path("number").asInt() + ": " + r.path("removed").asLong() + " removed");
        }
    }

    @Command(name = "restore-content", mixinStandardHelpOptions = true,
            description = "Put units back as they were in an earlier version (same bytes and metadata), as a new version.")
    static class RestoreContent extends OneRepo {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--version", required = true, description = "The version to restore from (ferry repository version list)")
        int version;
        @Option(names = {"--path", "--relative-path"}, required = true, description = "Path to restore; repeatable")
        List<String> paths;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("version", version);
            paths.forEach(b.putArray("relativePaths")::add);
            JsonNode r = api.post(repo() + "/content/restore", b);
            out().println((r.path("created").asBoolean() ? "New version " : "Unchanged, version ") + r.path("version").path("number")
                    .asInt() + ": " + r.path("added").asLong() + " restored from version " + version);
        }
    }

    @Command(name = "synchronize", mixinStandardHelpOptions = true, description = "Sync from the repository's remote (waits with progress unless --async).")
    static class Synchronize extends OneRepo {
        @Option(names = "--async", description = "Print the task id and return at once")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            JsonNode t = follow(api, api.post(repo() + "/sync", null), async);
            if (t != null) {
                JsonNode r = t.path("result");
                out().println("Synchronized: version " + r.path("version").asInt() + ", " + r.path("added").asLong() + " added, "
                        + r.path("removed").asLong() + " removed, " + Output.count(r.path("downloadedFiles").asLong(), "file") + " ("
                        + Output.bytes(r.path("downloadedBytes").asLong()) + ") downloaded");
            }
        }
    }

    @Command(name = "publish-to-target", mixinStandardHelpOptions = true,
            description = "Write the repository's latest version into a publication target's bucket: files, PULP_MANIFEST and "
                    + "VCSP documents, only what is missing or changed (waits unless --async).",
            footer = {"", "Example:", "  ferry repository publish-to-target --organization ACME --product images --name templates --target west"})
    static class PublishToTarget extends OneRepo {
        @Option(names = "--target", required = true, description = "The publication target's name (ferry publication-target list)")
        String target;
        @Option(names = "--async", description = "Print the task id and return at once")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            var b = body().put("product", product).put("repository", name);
            PublicationTargetCommand.publish(this, api, organization, target, b, async);
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Repository versions.",
            subcommands = {RepositoryCommand.VersionList.class, RepositoryCommand.VersionInfo.class})
    static class Version extends Group {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a repository's versions, newest first.")
    static class VersionList extends InProduct {
        @Option(names = {"--repository", "--repository-id"}, required = true, description = "Repository label or id")
        String repository;

        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(repositories() + "/" + ApiClient.enc(repository) + "/versions?size=500"),
                    List.of("number", "unitCount", "totalSize", "addedCount", "removedCount", "createdBy", "createdAt"));
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "List the units of a repository version.")
    static class VersionInfo extends InProduct {
        @Option(names = {"--repository", "--repository-id"}, required = true, description = "Repository label or id")
        String repository;
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--version", required = true)
        int version;

        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(repositories() + "/" + ApiClient.enc(repository) + "/versions/" + version + "/units?size=5000"),
                    List.of("relativePath", "size", "sha256"));
        }
    }
}
