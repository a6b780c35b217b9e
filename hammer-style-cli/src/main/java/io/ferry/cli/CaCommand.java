package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry ca}: the server's CA certificate, which the servers importing its exports trust. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "This server's CA: it certifies the key that signs every export.",
        subcommands = {CaCommand.Show.class, CaCommand.Export.class},
        footer = {"", "Examples:", "  ferry ca show", "  ferry ca export --to alpha-ca.pem"})
public class CaCommand extends Group {
    static final String CA = "/api/v1/trust/ca";

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the CA certificate: subject, fingerprint, validity.")
    static class Show extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(CA), List.of("subject", "fingerprint", "notBefore", "notAfter"));
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
            Path file = to.toAbsolutePath();
            try {
                Files.writeString(file, ca.path("pem").asText());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            out().println("Wrote " + ca.path("subject").asText() + " (SHA-256 fingerprint " + ca.path("fingerprint").asText()
                    + ") to " + file + ".");
            out().println("On each importing server: ferry trust add --organization ORG --file " + file.getFileName());
        }
    }
}
