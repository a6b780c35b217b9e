package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry ca}: the server's CA, which the servers importing its exports and its downstream servers trust. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "This server's CA: it certifies the key that signs every export, "
        + "the HTTPS certificate and the downstream servers' client certificates.",
        subcommands = {CaCommand.Show.class, CaCommand.Export.class, CaCommand.Crl.class, CaCommand.Rotate.class,
            CaCommand.RenewSigner.class},
        footer = {"", "Examples:", "  ferry ca show", "  ferry ca export --to alpha-ca.pem", "  ferry ca crl --to alpha-crl.pem",
            "  ferry ca rotate", "  ferry ca renew-signer --revoke-previous"})
public class CaCommand extends Group {
    static final String CA = "/api/v1/trust/ca";
    static final List<String> COLUMNS = List.of("subject", "fingerprint", "notBefore", "notAfter");

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the CA certificate: subject, fingerprint, validity.")
    static class Show extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(CA), COLUMNS);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the CA certificate (PEM) to a file, to give to the servers that import this server's exports.")
    static class Export extends ApiCommand {
        @Option(names = "--to", required = true, description = "File to write (PEM)")
        Path to;

        @Override
        protected void run(ApiClient api) {
            JsonNode ca = api.get(CA);
            Path file = CliFiles.write(to, ca.path("pem").asText());
            out().println("Wrote " + ca.path("subject").asText() + " (SHA-256 fingerprint " + ca.path("fingerprint").asText()
                    + ") to " + file + ".");
            out().println("On each importing server: ferry trust add --organization ORG --file " + file.getFileName());
        }
    }

    @Command(name = "crl", mixinStandardHelpOptions = true,
            description = "Write the CA's certificate revocation list (PEM; also served without credentials at /pki/crl).")
    static class Crl extends ApiCommand {
        @Option(names = "--to", required = true, description = "File to write (PEM)")
        Path to;

        @Override
        protected void run(ApiClient api) {
            String pem = api.text("/pki/crl.pem");
            Path file = CliFiles.write(to, pem);
            out().println("Wrote the CRL to " + file + ". On importing servers: ferry trust add --organization ORG --crl "
                    + file.getFileName());
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Replace the CA. The previous CA stays trusted for the "
            + "overlap period (ferry.trust.ca-overlap-days); give the new one to importing servers before it ends.")
    static class Rotate extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            JsonNode r = api.post(CA + "/rotate", body());
            out().println("New CA:      " + r.path("current").path("subject").asText() + " (" + r.path("current").path("fingerprint")
                    .asText() + ")");
            out().println("Previous CA: " + r.path("previous").path("fingerprint").asText() + ", trusted until "
                    + r.path("previousTrustedUntil").asText());
            out().println("Next: ferry ca export --to new-ca.pem, then on each importing server: ferry trust add --organization ORG "
                    + "--file new-ca.pem");
        }
    }

    @Command(name = "renew-signer", mixinStandardHelpOptions = true,
            description = "Issue a new bundle-signing certificate; --revoke-previous puts the old one on the CRL.")
    static class RenewSigner extends ApiCommand {
        @Option(names = "--revoke-previous", description = "Revoke the previous signing certificate (e.g. its key leaked)")
        boolean revoke;

        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.post("/api/v1/trust/signer/renew?revokePrevious=" + revoke, body()), COLUMNS);
        }
    }
}
