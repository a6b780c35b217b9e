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
        subcommands = {UpstreamCommand.RequestCertificate.class, UpstreamCommand.InstallCertificate.class, UpstreamCommand.Info.class},
        footer = {"", "Examples:", "  ferry upstream request-certificate --name dc-east --to dc-east.csr",
            "  ferry upstream install-certificate --file dc-east.pem --ca-file upstream-ca.pem", "  ferry upstream info"})
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

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the installed client certificate.")
    static class Info extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get("/api/v1/upstream/certificate"), COLUMNS);
        }
    }
}
