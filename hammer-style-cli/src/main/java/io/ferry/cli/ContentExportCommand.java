package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry content-export}: hammer's content-export, for bundles carried to air-gapped servers. */
@Command(name = "content-export", mixinStandardHelpOptions = true,
        description = "Export content view versions, repositories or the Library as dir, tar.gz or ISO bundles.",
        subcommands = {ContentExportCommand.Complete.class, ContentExportCommand.Incremental.class, ContentExportCommand.ListCmd.class,
                ContentExportCommand.Info.class, ContentExportCommand.Delete.class, ContentExportCommand.Download.class},
        footer = {"", "Examples:",
                "  ferry content-export complete version --organization ACME --content-view web --version 1.0 \\",
                "      --format iso --chunk-size dvd",
                "  ferry content-export incremental version --organization ACME --content-view web \\",
                "      --lifecycle-environment Production --format tgz --destination-server site-b",
                "  ferry content-export incremental version --organization ACME --content-view web --version 3.0 \\",
                "      --format tgz --receipt site-b.receipt   # exactly what site B lacks",
                "  ferry content-export complete library --organization ACME --format tgz --dry-run",
                "  ferry --output json content-export list --organization ACME",
                "  ferry content-export download --organization ACME --id 12 --to /media/usb"})
public class ContentExportCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "type", "scope", "format", "status", "volumes", "totalSize", "destination",
            "createdAt");
    static final List<String> INFO = List.of("id", "type", "status", "scopeKind", "scope", "format", "compression", "volumeSize",
            "destination", "base.exportId", "base.since", "location", "unitCount", "blobCount", "blobBytes", "totalSize",
            "manifestSha256", "volumes", "error", "createdBy", "createdAt", "finishedAt");

    /** A table row per export: the scope in words, the volume count, not their details (those are in info and json). */
    static JsonNode compact(JsonNode page) {
        JsonNode copy = page.deepCopy();
        for (JsonNode n : copy.has("items") ? copy.get("items") : copy) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
            JsonNode sc = o.path("scope");
            String scope = switch (o.path("scopeKind").asText()) {
                case "content_view_version" -> sc.path("contentView").asText() + " " + sc.path("version").asText()
                        + (sc.hasNonNull("environment") ? " (" + sc.path("environment").asText() + ")" : "");
                case "repository" -> sc.path("product").asText() + "/" + sc.path("repository").asText();
                case "library" -> "Library";
                default -> sc.toString();
            };
            o.put("scope", scope);
            o.put("volumes", o.path("volumes").size());
            o.put("createdAt", o.path("createdAt").asText().replaceFirst("\\.[0-9]+", "").replace("T", " "));
        }
        return copy;
    }

    static String exports(String org) {
        return ApiCommand.org(org) + "/exports";
    }

    /** Options of every export: where, what form, which base. */
    abstract static class Run extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;
        @Option(names = "--format", defaultValue = "dir", description = "dir (default), tgz or iso")
        String format;
        @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Split tgz/iso into volumes: cd, dvd, dvd-dl, bd or bytes (700MiB)")
        String chunkSize;
        @Option(names = "--chunk-size-gb", paramLabel = "N", description = "As hammer: volumes of N GiB (same as --chunk-size NGiB)")
        Integer chunkSizeGb;
        @Option(names = "--compression", description = "tgz: default, fast, best or none")
        String compression;
        @Option(names = "--destination-server", paramLabel = "LABEL",
                description = "Where the export goes; incrementals follow earlier exports to the same destination")
        String destination;
        @Option(names = "--path", description = "Directory on the server to write to (new, inside ferry.export.allowed-roots)")
        String path;
        @Option(names = "--dry-run", description = "Show what the export would carry, write nothing")
        boolean dryRun;
        @Option(names = "--async", description = "Print the task id and return instead of waiting")
        boolean async;

        abstract ObjectNode scope();

        /** complete or incremental: the group the command stands in. */
        String type() {
            return spec.parent().name();
        }

        /** Incrementals add their base. */
        void base(ApiClient api, ObjectNode body) {
        }

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body();
            b.set("scope", scope());
            b.put("type", type());
            b.put("format", format);
            if (chunkSizeGb != null) {
                if (chunkSize != null || chunkSizeGb < 1) {
                    throw new CliException(ExitCodes.USAGE, chunkSize != null ? "Give --chunk-size or --chunk-size-gb, not both."
                            : "--chunk-size-gb must be 1 or more.");
                }
                chunkSize = chunkSizeGb + "GiB";
            }
            putIf(b, "volumeSize", chunkSize);
            putIf(b, "compression", compression);
            putIf(b, "destination", destination);
            putIf(b, "path", path == null ? null : ApiCommand.local(path));
            base(api, b);
            if (dryRun) {
                JsonNode plan = api.post(exports(organization) + "/plan", b);
                output.object(out(), plan, List.of("units", "blobs", "blobBytes", "newBlobs", "newBytes", "baseBlobs", "baseBytes",
                        "format", "volumeSize", "volumes", "estimatedBytes", "perVolumeOverheadBytes", "overheadPercent",
                        "deltaBlobs", "deltaSavedBytes", "base.exportId"));
                if (plan.hasNonNull("warning") && !output.structured()) {
                    out().println("This export would be refused: " + Hints.rewrite(plan.path("warning").asText()));
                }
                return;
            }
            JsonNode t = follow(api, api.post(exports(organization), b), async);
            if (t == null) {
                return;
            }
            JsonNode e = api.get(exports(organization) + "/" + t.path("result").path("exportId").asLong());
            if (output.structured()) {
                output.structured(out(), e);
                return;
            }
            out().println("Export " + e.path("id").asText() + " " + e.path("status").asText() + ": " + Output.count(e.path("unitCount").asLong(),
                    "unit") + ", " + Output.count(e.path("blobCount").asLong(), "blob") + ", " + Output.bytes(e.path("totalSize").asLong()) + " in "
                    + e.path("location").asText());
            for (JsonNode v : e.path("volumes")) {
                out().println("  " + v.path("name").asText() + "  " + Output.bytes(v.path("size").asLong()) + "  sha256 "
                        + v.path("sha256").asText());
            }
        }
    }

    static void putIf(ObjectNode b, String field, String value) {
        if (value != null) {
            b.put(field, value);
        }
    }

    /** {@code version}: a content view version by number or by the environment holding it. */
    abstract static class VersionRun extends Run {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = {"--content-view", "--content-view-id"}, required = true, description = "Content view label or id")
        String contentView;
        @Option(names = "--version", description = "Version number, e.g. 2.0")
        String version;
        @Option(names = {"--lifecycle-environment", "--lifecycle-environment-id"}, paramLabel = "ENV", description = "Export the version this environment holds")
        String environment;

        @Override
        ObjectNode scope() {
            if ((version == null) == (environment == null)) {
                throw new CliException(ExitCodes.USAGE, "give exactly one of --version and --lifecycle-environment");
            }
            ObjectNode s = body().put("kind", "content_view_version").put("contentView", contentView);
            putIf(s, "version", version);
            putIf(s, "environment", environment);
            return s;
        }
    }

    abstract static class LibraryRun extends Run {
        @Override
        ObjectNode scope() {
            return body().put("kind", "library");
        }
    }

    abstract static class RepositoryRun extends Run {
        @Option(names = {"--product", "--product-id"}, required = true, description = "Product label or id")
        String product;
        @Option(names = {"--repository", "--repository-id"}, required = true, description = "Repository label or id")
        String repository;
        @Option(names = "--repository-version", description = "Repository version number (default: latest)")
        Integer repositoryVersion;

        @Override
        ObjectNode scope() {
            ObjectNode s = body().put("kind", "repository").put("product", product).put("repository", repository);
            if (repositoryVersion != null) {
                s.put("repositoryVersion", repositoryVersion);
            }
            return s;
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true, description = "Export everything of the scope.",
            subcommands = {CompleteVersion.class, CompleteLibrary.class, CompleteRepository.class})
    static class Complete extends Group {
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "A content view version, complete.")
    static class CompleteVersion extends VersionRun {
    }

    @Command(name = "library", mixinStandardHelpOptions = true, description = "The whole Library, complete.")
    static class CompleteLibrary extends LibraryRun {
    }

    @Command(name = "repository", mixinStandardHelpOptions = true, description = "One repository version, complete.")
    static class CompleteRepository extends RepositoryRun {
    }

    /** Incremental: the base is the last complete export to the destination, a given export, or a date. */
    @Command(name = "incremental", mixinStandardHelpOptions = true,
            description = "Export only what a base export did not carry (the manifest still lists the whole state).",
            subcommands = {IncrementalVersion.class, IncrementalLibrary.class, IncrementalRepository.class})
    static class Incremental extends Group {
    }

    /** The base of an incremental: default the last complete export to the destination. */
    static class BaseOptions {
        @Option(names = "--from-history-id", paramLabel = "EXPORT_ID", description = "Base export (default: the last complete "
                + "export of the scope to the destination)")
        Long fromHistoryId;
        @Option(names = "--since", description = "Carry what was added after this ISO-8601 date or date-time")
        String since;
        @Option(names = "--receipt", paramLabel = "FILE", description = "A downstream's receipt (ferry content-import receipt there): "
                + "carry exactly the blobs it does not list, whatever discs went missing")
        Path receipt;

        void apply(ApiClient api, String organization, ObjectNode b, PrintWriter out) {
            if (fromHistoryId != null) {
                b.put("fromExport", fromHistoryId);
            }
            putIf(b, "since", since);
            if (receipt != null) {
                JsonNode r = api.postFile(exports(organization) + "/receipts", receipt, out);
                out.println("Receipt " + r.path("id").asText() + " of " + r.path("downstream").asText() + " (made "
                        + r.path("createdAt").asText() + "): it holds " + Output.count(r.path("blobs").asLong(), "blob") + ".");
                b.put("receipt", r.path("id").asLong());
            }
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "A content view version, incremental.")
    static class IncrementalVersion extends VersionRun {
        @Mixin
        BaseOptions base;

        @Override
        void base(ApiClient api, ObjectNode b) {
            base.apply(api, organization, b, output.structured() ? new PrintWriter(java.io.Writer.nullWriter()) : out());
        }
    }

    @Command(name = "library", mixinStandardHelpOptions = true, description = "The whole Library, incremental.")
    static class IncrementalLibrary extends LibraryRun {
        @Mixin
        BaseOptions base;

        @Override
        void base(ApiClient api, ObjectNode b) {
            base.apply(api, organization, b, output.structured() ? new PrintWriter(java.io.Writer.nullWriter()) : out());
        }
    }

    @Command(name = "repository", mixinStandardHelpOptions = true, description = "One repository version, incremental.")
    static class IncrementalRepository extends RepositoryRun {
        @Mixin
        BaseOptions base;

        @Override
        void base(ApiClient api, ObjectNode b) {
            base.apply(api, organization, b, output.structured() ? new PrintWriter(java.io.Writer.nullWriter()) : out());
        }
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Export history, newest first.")
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            JsonNode page = api.get(exports(organization) + "?size=500");
            output.list(out(), output.structured() ? page : compact(page), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show an export with its volumes and checksums.")
    static class Info extends InOrg {
        @Option(names = "--id", required = true)
        long id;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(exports(organization) + "/" + id), INFO);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an export's files and record.")
    static class Delete extends InOrg {
        @Option(names = "--id", required = true)
        long id;

        @Override
        protected void run(ApiClient api) {
            api.delete(exports(organization) + "/" + id);
            out().println("Export " + id + " deleted.");
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download an export into a directory: a tgz/iso export's volumes, volumes.json, SHA256SUMS, manifest.json and "
                    + "their signatures (.p7s); a dir export's whole tree.")
    static class Download extends InOrg {
        @Option(names = "--id", required = true)
        long id;
        @Option(names = "--to", required = true, paramLabel = "DIR", description = "Local directory (created if missing)")
        Path to;

        @Override
        protected void run(ApiClient api) {
            JsonNode e = api.get(exports(organization) + "/" + id);
            List<String> names = new ArrayList<>();
            e.path("volumes").forEach(v -> names.add(v.path("name").asText()));
            if (e.path("format").asText().equals("dir")) {
                downloadTree(api);
                return;
            }
            names.addAll(List.of("volumes.json", "volumes.json.p7s", "SHA256SUMS", "manifest.json", "manifest.json.p7s"));
            try {
                Files.createDirectories(to);
                for (String name : names) {
                    Path target = to.resolve(name);
                    Path part = to.resolve(name + ".part");
                    HttpResponse<InputStream> r = api.download(exports(organization) + "/" + id + "/files/" + ApiClient.enc(name));
                    try (InputStream in = new Progress.Counting(r.body(), r.headers().firstValueAsLong("Content-Length").orElse(-1),
                            out(), "downloaded")) {
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    out().println("  " + target + "  " + Output.bytes(Files.size(target)));
                }
            } catch (IOException ex) {
                throw new CliException(ExitCodes.DATA_ERROR, "cannot write into " + to + ": " + Output.reason(ex));
            }
            out().println("Check with: (cd " + to + " && sha256sum -c SHA256SUMS)");
        }

        /** A dir export is a tree on the server: it comes as one tar stream and is unpacked below --to. */
        private void downloadTree(ApiClient api) {
            try {
                Files.createDirectories(to);
                HttpResponse<InputStream> r = api.download(exports(organization) + "/" + id + "/files/tree.tar");
                TreeDownload.Result got;
                try (InputStream in = r.body()) {
                    got = TreeDownload.unpack(in, to, out());
                }
                out().println("Downloaded the dir export's tree: " + Output.count(got.files(), "file") + ", "
                        + Output.bytes(got.bytes()) + " in " + to.toAbsolutePath().normalize());
            } catch (IOException ex) {
                throw new CliException(ExitCodes.DATA_ERROR, "cannot write into " + to + ": " + Output.reason(ex));
            }
            out().println("Check it with: ferry content-import check --organization ORG --path " + to.toAbsolutePath().normalize());
        }
    }
}
