package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry content-import}: hammer's content-import, plus a check and the import history. */
@Command(name = "content-import", mixinStandardHelpOptions = true,
        description = "Import bundles exported by another Ferry server (dir, tar.gz or ISO volumes; path on the server).",
        subcommands = {ContentImportCommand.VersionCmd.class, ContentImportCommand.LibraryCmd.class,
                ContentImportCommand.RepositoryCmd.class, ContentImportCommand.Check.class, ContentImportCommand.ListCmd.class,
                ContentImportCommand.Info.class, ContentImportCommand.Receipt.class},
        footer = {"", "Examples:",
                "  ferry content-import check --organization ACME --path /var/lib/ferry/imports/export-12",
                "  ferry content-import version --organization ACME --path /var/lib/ferry/imports/export-12 \\",
                "      --promote-to Dev",
                "  ferry content-import library --organization ACME --path /media/cdrom-set",
                "  ferry content-import list --organization ACME",
                "  ferry content-import receipt --organization ACME --to site-b.receipt   # carry it to the upstream"})
public class ContentImportCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "status", "type", "scopeKind", "sourceServerName", "sourceExportId",
            "blobsStored", "bytesStored", "createdBy", "finishedAt");
    static final List<String> INFO = List.of("id", "status", "location", "format", "sourceServerName", "sourceServerId",
            "sourceVersion", "sourceExportId", "manifestSha256", "type", "base.exportId", "base.since", "scopeKind", "scope",
            "volumes", "units", "blobs", "bytes", "blobsStored", "bytesStored", "result", "error.code", "error.detail", "taskId",
            "createdBy", "startedAt", "finishedAt");

    static String imports(String org) {
        return ApiCommand.org(org) + "/imports";
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id to import into")
        String organization;
    }

    abstract static class Run extends InOrg {
        @Option(names = "--path", required = true, description = "Bundle location on the server (inside ferry.import.allowed-roots)")
        String path;
        @Option(names = "--async", description = "Print the task id and return instead of waiting")
        boolean async;

        abstract String kind();

        ObjectNode request() {
            return body().put("path", ApiCommand.local(path)).put("kind", kind());
        }

        @Override
        protected void run(ApiClient api) {
            JsonNode answer = api.post(imports(organization), request());
            if (answer.has("outcome")) { // already imported: nothing to do
                if (output.structured()) {
                    output.structured(out(), answer);
                } else {
                    out().println(answer.path("message").asText());
                }
                return;
            }
            JsonNode t = follow(api, answer, async);
            if (t == null) {
                return;
            }
            JsonNode r = t.path("result");
            if (output.structured()) {
                output.structured(out(), r);
                return;
            }
            StringBuilder b = new StringBuilder("Imported export " + r.path("exportId").asText() + " of server '"
                    + r.path("sourceServer").asText() + "' (import " + r.path("importId").asText() + "): ");
            if (r.has("contentView")) {
                b.append("content view ").append(r.path("contentView").asText()).append(" version ").append(r.path("version").asText())
                        .append(", ");
            }
            b.append(Output.count(r.path("units").asLong(), "unit")).append(", ").append(Output.count(r.path("blobsStored").asLong(),
                    "blob")).append(" stored (")
                    .append(Output.bytes(r.path("bytesStored").asLong())).append("), ").append(r.path("blobsAlreadyPresent").asLong())
                    .append(" already here.");
            out().println(b);
            if (r.path("promotedTo").size() > 0) {
                out().println("Promoted to: " + Output.text(r, "promotedTo"));
            }
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true,
            description = "Import a content view version bundle (creates an import-only content view, same version number).")
    static class VersionCmd extends Run {
        @Option(names = "--promote-to", split = ",", paramLabel = "ENV", description = "Also promote the version to these environments")
        List<String> promoteTo;

        @Override
        String kind() {
            return "version";
        }

        @Override
        ObjectNode request() {
            ObjectNode b = super.request();
            var envs = b.putArray("promoteTo");
            (promoteTo == null ? List.<String>of() : promoteTo).forEach(envs::add);
            return b;
        }
    }

    @Command(name = "library", mixinStandardHelpOptions = true, description = "Import a Library bundle (new repository versions).")
    static class LibraryCmd extends Run {
        @Override
        String kind() {
            return "library";
        }
    }

    @Command(name = "repository", mixinStandardHelpOptions = true, description = "Import a repository bundle (a new repository version).")
    static class RepositoryCmd extends Run {
        @Override
        String kind() {
            return "repository";
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a bundle without importing: manifest, volumes present and intact, base, labels, space.",
            footer = {"", "Exit codes: 0 importable or already imported (as the import itself answers), 65 a check failed."})
    static class Check extends InOrg {
        @Option(names = "--path", required = true)
        String path;
        @Option(names = "--skip-checksums", description = "Do not hash the volume files against volumes.json")
        boolean skipChecksums;

        @Override
        public Integer call() {
            super.call();
            return ok ? ExitCodes.OK : ExitCodes.DATA_ERROR;
        }

        private boolean ok;

        /** Servers that never set FERRY_SERVER_NAME are all 'ferry'; the id tells them apart. */
        static String shortId(String id) {
            return id.length() > 8 ? id.substring(0, 8) : id;
        }

        /** A refused path answers at once; only a check that is still hashing after a second gets the banner. */
        private JsonNode awaitCheck(java.util.concurrent.CompletableFuture<JsonNode> answer) {
            try {
                try {
                    return answer.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException slow) {
                    if (!output.structured() && !skipChecksums) {
                        out().println("Checking " + ApiCommand.local(path) + "; hashing every volume file against volumes.json "
                                + "takes a while for large sets (--skip-checksums skips it)...");
                        out().flush();
                    }
                    return answer.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(TaskWatch.INTERRUPTED, "interrupted");
            }
        }

        @Override
        protected void run(ApiClient api) {
            var request = body().put("path", ApiCommand.local(path)).put("verifyChecksums", !skipChecksums);
            java.util.concurrent.CompletableFuture<JsonNode> answer = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api.post(imports(organization) + "/check", request));
            JsonNode r = awaitCheck(answer);
            ok = r.path("ok").asBoolean();
            if (output.structured()) {
                output.structured(out(), r);
                return;
            }
            JsonNode b = r.path("bundle");
            if (!b.isMissingNode()) {
                out().println("Bundle: export " + b.path("exportId").asText() + " (" + b.path("type").asText() + ") of server '"
                        + b.path("sourceServerName").asText() + "' (id " + shortId(b.path("sourceServerId").asText()) + "), " + b.path("scope").asText() + "; " + b.path("volumesPresent").asInt()
                        + " of " + Output.count(b.path("volumes").asInt(), "volume") + ", " + Output.count(b.path("units").asLong(), "unit") + ", "
                        + Output.bytes(b.path("bytes").asLong()));
            }
            output.list(out(), r.path("checks"), List.of("status", "name", "message"));
            JsonNode already = r.path("alreadyImportedAs");
            out().println(!ok ? "Not importable: fix the failed checks above."
                    : already.isNumber() ? "Already imported (import " + already.asLong() + "); importing it again does nothing."
                    : "Importable.");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Import history, newest first.")
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(imports(organization) + "?size=500"), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show an import.")
    static class Info extends InOrg {
        @Option(names = "--id", required = true)
        long id;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(imports(organization) + "/" + id), INFO);
        }
    }

    @Command(name = "receipt", mixinStandardHelpOptions = true,
            description = "Write this server's signed receipt of what the organization holds (import lineage and blob digests), "
                    + "for the upstream's next export: ferry content-export incremental ... --receipt FILE there.")
    static class Receipt extends InOrg {
        @Option(names = "--to", required = true, paramLabel = "FILE", description = "Local file to write (replaced if it exists)")
        java.nio.file.Path to;
        @Option(names = "--upstream-organization", paramLabel = "LABEL",
                description = "The organization on the upstream it is for (default: the configured upstream's, else the same label)")
        String upstreamOrganization;

        @Override
        protected void run(ApiClient api) {
            String q = upstreamOrganization == null ? "" : "?upstreamOrganization=" + ApiClient.enc(upstreamOrganization);
            java.net.http.HttpResponse<java.io.InputStream> r = api.download(imports(organization) + "/receipt" + q);
            java.nio.file.Path target = to.toAbsolutePath();
            java.nio.file.Path part = target.resolveSibling(target.getFileName() + ".part");
            try (java.io.InputStream in = r.body()) {
                java.nio.file.Files.copy(in, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                java.nio.file.Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out().println("Receipt of organization '" + organization + "' written to " + target + " ("
                        + Output.bytes(java.nio.file.Files.size(target)) + "); carry it to the upstream.");
            } catch (java.io.IOException e) {
                throw new CliException(ExitCodes.DATA_ERROR, "cannot write " + target + ": " + e.getMessage());
            }
        }
    }
}
