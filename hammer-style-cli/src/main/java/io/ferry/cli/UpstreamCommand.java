package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry upstream}: this server's client identity towards the server it syncs from. */
@Command(name = "upstream", mixinStandardHelpOptions = true,
        description = "This server's identity towards its upstream: a key made here, the request the upstream approves, the certificate.",
        subcommands = {UpstreamCommand.RequestCertificate.class, UpstreamCommand.InstallCertificate.class, UpstreamCommand.Info.class,
            UpstreamCommand.Configure.class, UpstreamCommand.Show.class, UpstreamCommand.Test.class, UpstreamCommand.Sync.class},
        footer = {"", "Examples:", "  ferry upstream request-certificate --name dc-east --to dc-east.csr",
            "  ferry upstream install-certificate --file dc-east.pem --ca-file upstream-ca.pem", "  ferry upstream info",
            "  ferry upstream configure --organization ACME --url https://ferry-a:8443 --follow content-views --content-view web",
            "  ferry upstream test --organization ACME", "  ferry upstream sync --organization ACME"})
public class UpstreamCommand extends Group {
    static final List<String> COLUMNS = List.of("subject", "issuer", "notAfter", "fingerprint", "requestPending", "upstreamCas");

    @Command(name = "request-certificate", mixinStandardHelpOptions = true,
            description = "Make a key pair on the server (the key never leaves it) and write the certificate request to send.")
    static class RequestCertificate extends ApiCommand {
        @Option(names = "--name", required = true, description = "The name to ask the upstream for (a label, e.g. dc-east)")
        String name;
        @Option(names = "--to", description = "File to write the request to (default NAME.csr)")
        Path to;

        @Override
        protected void run(ApiClient api) {
            JsonNode r = api.post("/api/v1/upstream/certificate-request", body().put("name", name));
            Path file = CliFiles.write(to == null ? Path.of(name + ".csr") : to, r.path("csr").asText());
            out().println("Wrote the certificate request to " + file + ".");
            out().println("Send it to the upstream server's operator, who approves it with:");
            out().println("  ferry downstream-server approve --name " + name + " --csr " + file.getFileName() + " --organization ORG");
            out().println("and sends back " + name + ".pem and upstream-ca.pem; install them here with:");
            out().println("  ferry upstream install-certificate --file " + name + ".pem --ca-file upstream-ca.pem");
        }
    }

    @Command(name = "install-certificate", mixinStandardHelpOptions = true,
            description = "Install the client certificate the upstream issued (and its CA).")
    static class InstallCertificate extends ApiCommand {
        @Option(names = "--file", required = true, description = "The client certificate (PEM)")
        Path file;
        @Option(names = "--ca-file", description = "The upstream's CA (PEM), to verify the upstream's HTTPS certificate")
        Path caFile;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body().put("certificate", CliFiles.read(file));
            if (caFile != null) {
                b.put("upstreamCa", CliFiles.read(caFile));
            }
            output.object(out(), api.put("/api/v1/upstream/certificate", b), COLUMNS);
        }
    }

    static final List<String> CONFIG = List.of("organization", "url", "upstreamOrganization", "follow", "environment", "contentViews",
            "acceptPush",
            "updatedBy", "updatedAt");

    static String upstream(String org) {
        return ApiCommand.org(org) + "/upstream";
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true,
                description = "The organization here that follows the upstream")
        String organization;
    }

    @Command(name = "configure", mixinStandardHelpOptions = true,
            description = "Set the upstream of an organization and what it follows there: the Library, an environment, content views.")
    static class Configure extends InOrg {
        @Option(names = "--url", required = true, description = "The upstream's HTTPS URL, e.g. https://ferry-a:8443")
        String url;
        @Option(names = "--upstream-organization", description = "The organization's label on the upstream (default: the same)")
        String upstreamOrganization;
        @Option(names = "--follow", required = true, description = "library, environment or content-views")
        String follow;
        @Option(names = "--lifecycle-environment", description = "With --follow environment: its label on the upstream")
        String environment;
        @Option(names = "--content-view", split = ",", description = "With --follow content-views: their labels on the upstream")
        List<String> contentViews;
        @Option(names = "--accept-push", description = "Also accept bundles the upstream pushes (ferry downstream-server push "
                + "there), for networks where only the upstream may open connections")
        boolean acceptPush;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body().put("url", url).put("upstreamOrganization", upstreamOrganization == null ? organization
                    : upstreamOrganization).put("follow", follow).put("acceptPush", acceptPush);
            if (environment != null) {
                b.put("environment", environment);
            }
            if (contentViews != null) {
                contentViews.forEach(b.putArray("contentViews")::add);
            }
            output.object(out(), api.put(upstream(organization), b), CONFIG);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an organization's upstream and what it follows.")
    static class Show extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(upstream(organization)), CONFIG);
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Connect to the upstream with this server's client certificate and list what is followed there.")
    static class Test extends InOrg {
        @Override
        protected void run(ApiClient api) {
            JsonNode r = api.post(upstream(organization) + "/test", body());
            out().println(r.path("message").asText());
            out().println("Upstream: " + r.path("upstreamServerName").asText() + " (" + r.path("upstreamServerId").asText() + "), Ferry "
                    + r.path("upstreamVersion").asText());
            r.path("followed").forEach(f -> out().println("  follows " + f.asText()));
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, description = "Sync from the upstream now: each followed scope as a "
            + "signed bundle, incremental on what was imported from there before.")
    static class Sync extends InOrg {
        @Option(names = "--async", description = "Start the task and return")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            JsonNode t = follow(api, api.post(upstream(organization) + "/sync", body()), async);
            if (t == null) {
                return;
            }
            JsonNode r = t.path("result");
            for (JsonNode s : r.path("scopes")) {
                if (s.has("outcome") && "up-to-date".equals(s.path("outcome").asText())) {
                    out().println("  " + s.path("scope").asText() + ": up to date");
                } else {
                    out().println("  " + s.path("scope").asText() + ": " + s.path("type").asText() + ", "
                            + Output.bytes(s.path("bytesReceived").asLong()) + " received, " + Output.count(s.path("blobsStored")
                            .asLong(), "blob") + " stored (" + Output.bytes(s.path("bytesStored").asLong()) + ")");
                }
            }
            out().println("Synchronized from " + r.path("upstream").asText() + ": " + Output.bytes(r.path("bytesReceived").asLong())
                    + " received.");
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the installed client certificate.")
    static class Info extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get("/api/v1/upstream/certificate"), COLUMNS);
        }
    }
}
