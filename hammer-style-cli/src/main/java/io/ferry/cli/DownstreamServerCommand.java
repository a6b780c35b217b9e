package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry downstream-server}: servers that read and export from this one with a client certificate. */
@Command(name = "downstream-server", mixinStandardHelpOptions = true,
        description = "Downstream servers: approve their certificate requests into scoped client certificates, list, revoke.",
        subcommands = {DownstreamServerCommand.ListCmd.class, DownstreamServerCommand.Approve.class, DownstreamServerCommand.Info.class,
            DownstreamServerCommand.Revoke.class, DownstreamServerCommand.Push.class},
        footer = {"", "Examples:", "  ferry downstream-server approve --name dc-east --csr dc-east.csr --organization ACME",
            "  ferry downstream-server approve --name dc-west --csr dc-west.csr --organization ACME --content-view web",
            "  ferry downstream-server list", "  ferry downstream-server info --name dc-east",
            "  ferry downstream-server revoke --name dc-east",
            "  ferry downstream-server push --name dc-east --url https://dc-east:8443 --ca-file dc-east-ca.pem \\",
            "      --organization ACME --content-view web   # only what dc-east lacks"})
public class DownstreamServerCommand extends Group {
    static final String PATH = "/api/v1/downstream-servers";
    static final List<String> COLUMNS = List.of("name", "scope", "certificates", "createdBy", "createdAt");

    static String one(String name) {
        return PATH + "/" + ApiClient.enc(name);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List downstream servers with their scope and certificates.")
    static class ListCmd extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(PATH), COLUMNS);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a downstream's certificate request (or map "
            + "an external CA's client certificate) into a client certificate scoped to organizations.")
    static class Approve extends ApiCommand {
        @Option(names = "--name", required = true, description = "The downstream server's name here (a label)")
        String name;
        @Option(names = "--csr", description = "Its certificate request (PEM), from 'ferry upstream request-certificate'")
        Path csr;
        @Option(names = "--certificate", description = "Instead of --csr: a client certificate (PEM) an external CA issued")
        Path certificate;
        @Option(names = "--issuer-ca", description = "With --certificate: the external CA's certificate (PEM)")
        Path issuerCa;
        @Option(names = {"--organization", "--organizations"}, required = true, split = ",",
                description = "Organizations it may read and export (label or id; repeat or comma-separate)")
        List<String> organizations;
        @Option(names = "--lifecycle-environment", split = ",", description = "Narrow the one organization to these environments")
        List<String> environments = new ArrayList<>();
        @Option(names = "--content-view", split = ",", description = "Narrow the one organization to these content views")
        List<String> contentViews = new ArrayList<>();
        @Option(names = "--validity-days", description = "Days the certificate is valid (default 397)")
        Integer validityDays;
        @Option(names = "--description", description = "Free text")
        String description;
        @Option(names = "--to", description = "Write the client certificate here (default NAME.pem)")
        Path to;
        @Option(names = "--ca-to", description = "Write this server's CA here (default upstream-ca.pem)")
        Path caTo;

        @Override
        protected void run(ApiClient api) {
            if ((csr == null) == (certificate == null)) {
                throw new CliException(ExitCodes.USAGE, "Give --csr FILE (a request to sign) or --certificate FILE --issuer-ca FILE.");
            }
            if ((!environments.isEmpty() || !contentViews.isEmpty()) && organizations.size() != 1) {
                throw new CliException(ExitCodes.USAGE, "--lifecycle-environment and --content-view narrow one organization: give "
                        + "exactly one --organization with them.");
            }
            ObjectNode b = body().put("name", name);
            if (csr != null) {
                b.put("csr", CliFiles.read(csr));
            } else {
                b.put("certificate", CliFiles.read(certificate));
                if (issuerCa == null) {
                    throw new CliException(ExitCodes.USAGE, "--certificate needs --issuer-ca FILE (the external CA).");
                }
                b.put("issuerCa", CliFiles.read(issuerCa));
            }
            if (validityDays != null) {
                b.put("validityDays", validityDays);
            }
            if (description != null) {
                b.put("description", description);
            }
            ArrayNode scope = b.putArray("scope");
            for (String org : organizations) {
                ObjectNode e = scope.addObject().put("organization", org);
                environments.forEach(e.putArray("lifecycleEnvironments")::add);
                contentViews.forEach(e.putArray("contentViews")::add);
            }
            JsonNode r = api.post(PATH, b);
            Path cert = CliFiles.write(to == null ? Path.of(name + ".pem") : to, r.path("certificatePem").asText());
            Path ca = CliFiles.write(caTo == null ? Path.of("upstream-ca.pem") : caTo, r.path("caPem").asText());
            out().println("Approved downstream server '" + name + "'. Wrote its client certificate to " + cert + " and this server's "
                    + "CA to " + ca + ".");
            out().println("Send both to the downstream's operator, who installs them with: ferry upstream install-certificate "
                    + "--file " + cert.getFileName() + " --ca-file " + ca.getFileName());
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a downstream server: scope and certificates.")
    static class Info extends ApiCommand {
        @Option(names = "--name", required = true, description = "Downstream server name")
        String name;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(one(name)), COLUMNS);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke its certificates: refused from the next request "
            + "on, and listed in the CRL (/pki/crl).")
    static class Revoke extends ApiCommand {
        @Option(names = "--name", required = true, description = "Downstream server name")
        String name;

        @Override
        protected void run(ApiClient api) {
            api.post(one(name) + "/revoke", body());
            out().println("Revoked the certificates of downstream server '" + name + "'; its next request is refused.");
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true, description = "Send a content view version (or the Library) to a "
            + "downstream that cannot connect here: its signed receipt first, then exactly what it lacks, imported there.")
    static class Push extends ApiCommand {
        @picocli.CommandLine.Mixin
        HelpOption help;
        @Option(names = "--name", required = true, description = "The enrolled downstream server's name")
        String name;
        @Option(names = "--url", required = true, description = "The downstream's HTTPS URL, e.g. https://dc-east:8443")
        String url;
        @Option(names = "--ca-file", required = true, paramLabel = "FILE", description = "The downstream's CA (ferry ca export --to FILE there)")
        Path caFile;
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true,
                description = "The organization here")
        String organization;
        @Option(names = "--downstream-organization", paramLabel = "LABEL", description = "The organization there (default: the same)")
        String downstreamOrganization;
        @Option(names = {"--content-view", "--content-view-id"}, description = "The content view (default: the Library)")
        String contentView;
        @Option(names = "--version", description = "The content view version (default: the latest)")
        String version;
        @Option(names = "--async", description = "Print the task id and return instead of waiting")
        boolean async;

        @Override
        protected void run(ApiClient api) {
            ObjectNode b = body().put("url", url).put("caPem", CliFiles.read(caFile)).put("organization", organization);
            ContentExportCommand.putIf(b, "downstreamOrganization", downstreamOrganization);
            ContentExportCommand.putIf(b, "contentView", contentView);
            ContentExportCommand.putIf(b, "version", version);
            JsonNode t = follow(api, api.post(one(name) + "/push", b), async);
            if (t == null) {
                return;
            }
            JsonNode r = t.path("result");
            if (output.structured()) {
                output.structured(out(), r);
                return;
            }
            if ("up-to-date".equals(r.path("outcome").asText())) {
                out().println("Downstream server '" + name + "' already holds " + r.path("scope").asText() + ": nothing sent.");
                return;
            }
            JsonNode d = r.path("downstreamResult");
            out().println("Pushed " + r.path("scope").asText() + " to '" + name + "' (" + r.path("type").asText() + ", "
                    + Output.bytes(r.path("bytesSent").asLong()) + " sent): " + Output.count(d.path("units").asLong(), "unit") + ", "
                    + Output.count(d.path("blobsStored").asLong(), "blob") + " stored there.");
        }
    }
}
