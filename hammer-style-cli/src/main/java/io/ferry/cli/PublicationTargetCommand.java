package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry publication-target}: S3-compatible buckets that receive published repositories. */
@Command(name = "publication-target", mixinStandardHelpOptions = true,
        description = "S3-compatible buckets (AWS S3, MinIO, Ceph RGW) that receive the /content tree of published repositories.",
        subcommands = {PublicationTargetCommand.Create.class, PublicationTargetCommand.ListCmd.class, PublicationTargetCommand.Info.class,
                PublicationTargetCommand.Delete.class},
        footer = {"", "Examples:",
            "  FERRY_S3_SECRET_ACCESS_KEY=... ferry publication-target create --organization ACME --name west \\",
            "      --endpoint https://s3.eu-west-1.amazonaws.com --region eu-west-1 --bucket templates --prefix acme \\",
            "      --access-key-id AKIA...",
            "  ferry publication-target list --organization ACME",
            "  ferry repository publish-to-target --organization ACME --product images --name templates --target west"})
public class PublicationTargetCommand extends Group {
    static final List<String> COLUMNS = List.of("name", "endpoint", "bucket", "prefix", "region", "pathStyle", "tlsRequired",
            "createdBy", "createdAt");

    static String targets(String org) {
        return ApiCommand.org(org) + "/publication-targets";
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true,
                description = "Organization label or id")
        String organization;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a target; the bucket is checked with the credentials first, and nothing is stored if that fails.",
            footer = {"", "Example (MinIO on a trusted network):",
                "  FERRY_S3_SECRET_ACCESS_KEY=... ferry publication-target create --organization ACME --name lab \\",
                "      --endpoint http://minio.lab:9000 --no-tls-required --path-style --bucket templates --access-key-id ferry"})
    static class Create extends InOrg {
        @Option(names = "--name", required = true, description = "The target's name")
        String name;
        @Option(names = "--endpoint", required = true, description = "The S3 endpoint URL, e.g. https://s3.eu-west-1.amazonaws.com")
        String endpoint;
        @Option(names = "--bucket", required = true)
        String bucket;
        @Option(names = "--prefix", description = "Key prefix inside the bucket (default: the bucket's top)")
        String prefix;
        @Option(names = "--region", description = "Signing region (default us-east-1)")
        String region;
        @Option(names = "--path-style", description = "Path-style URLs (endpoint/bucket/key), as MinIO, Ceph RGW and s3proxy need")
        boolean pathStyle;
        @Option(names = "--no-tls-required", description = "Allow an http:// endpoint (an object store on a network you trust)")
        boolean noTlsRequired;
        @Option(names = "--access-key-id", required = true, description = "The publisher's access key id (write access)")
        String accessKeyId;
        @Option(names = "--secret-access-key", description = "The publisher's secret key; better from the environment: "
                + "FERRY_S3_SECRET_ACCESS_KEY (a command line is visible to other users)")
        String secretAccessKey;
        @Option(names = "--description")
        String description;

        @Override
        protected void run(ApiClient api) {
            String secret = secretAccessKey != null ? secretAccessKey : System.getenv("FERRY_S3_SECRET_ACCESS_KEY");
            if (secret == null || secret.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "No secret key: set FERRY_S3_SECRET_ACCESS_KEY (or --secret-access-key).");
            }
            var b = body().put("name", name).put("endpoint", endpoint).put("bucket", bucket).put("pathStyle", pathStyle)
                    .put("tlsRequired", !noTlsRequired).put("accessKeyId", accessKeyId).put("secretAccessKey", secret);
            if (prefix != null) {
                b.put("prefix", prefix);
            }
            if (region != null) {
                b.put("region", region);
            }
            if (description != null) {
                b.put("description", description);
            }
            output.object(out(), api.post(targets(organization), b), COLUMNS);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organization's targets (never their credentials).",
            footer = {"", "Example:", "  ferry publication-target list --organization ACME"})
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(targets(organization)), COLUMNS);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a target (never its credentials).",
            footer = {"", "Example:", "  ferry publication-target info --organization ACME --name west"})
    static class Info extends InOrg {
        @Option(names = "--name", required = true)
        String name;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(targets(organization) + "/" + ApiClient.enc(name)), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a target and its stored credentials; what it published stays in the bucket.",
            footer = {"", "Example:", "  ferry publication-target delete --organization ACME --name west"})
    static class Delete extends InOrg {
        @Option(names = "--name", required = true)
        String name;

        @Override
        protected void run(ApiClient api) {
            api.delete(targets(organization) + "/" + ApiClient.enc(name));
            out().println("Deleted publication target " + name + " of " + organization + "; the bucket's objects were left as they are.");
        }
    }

    /** What both publish-to-target commands do: start the publication, wait unless async, report it. */
    static void publish(ApiCommand cmd, ApiClient api, String organization, String target,
                        com.fasterxml.jackson.databind.node.ObjectNode body, boolean async) {
        JsonNode t = cmd.follow(api, api.post(targets(organization) + "/" + ApiClient.enc(target) + "/publications", body), async);
        if (t != null) {
            report(cmd.out(), t);
        }
    }

    private static void report(java.io.PrintWriter out, JsonNode t) {
        JsonNode r = t.path("result");
        out.println("Published to " + r.path("target").asText() + " (bucket " + r.path("bucket").asText() + "): "
                + Output.count(r.path("uploaded").asLong(), "file") + " uploaded (" + Output.bytes(r.path("uploadedBytes").asLong())
                + "), " + r.path("unchanged").asLong() + " unchanged, " + Output.count(r.path("documentsUploaded").asLong(), "document")
                + " written, " + r.path("deleted").asLong() + " removed.");
        for (JsonNode l : r.path("libraries")) {
            out.println("  subscribe at: " + l.asText());
        }
    }
}
