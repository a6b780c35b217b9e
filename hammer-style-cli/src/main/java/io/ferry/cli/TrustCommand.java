package io.ferry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry trust}: the certificates an organization trusts to sign the bundles it imports. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "Certificates an organization trusts to sign the bundles it imports (a source server's CA).",
        subcommands = {TrustCommand.Add.class, TrustCommand.ListCmd.class, TrustCommand.Remove.class},
        footer = {"", "Examples:", "  ferry trust add --organization ACME --file alpha-ca.pem", "  ferry trust list --organization ACME",
                "  ferry trust remove --organization ACME --id 3"})
public class TrustCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "subject", "fingerprint", "ca", "notAfter", "addedBy");

    static String trusted(String org) {
        return ApiCommand.org(org) + "/trusted-certificates";
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = "--organization", required = true, description = "Organization label or id")
        String organization;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Trust a certificate (PEM file) to sign imported bundles.")
    static class Add extends InOrg {
        @Option(names = "--file", required = true, description = "PEM certificate, e.g. written by 'ferry ca export' on the source")
        Path file;

        @Override
        protected void run(ApiClient api) {
            String pem;
            Path f = file.toAbsolutePath();
            try {
                pem = Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
            output.object(out(), api.post(trusted(organization), body().put("pem", pem)), COLUMNS);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the trusted certificates.")
    static class ListCmd extends InOrg {
        @Override
        protected void run(ApiClient api) {
            output.list(out(), api.get(trusted(organization)), COLUMNS);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop trusting a certificate.")
    static class Remove extends InOrg {
        @Option(names = "--id", required = true, description = "Id from 'ferry trust list'")
        long id;

        @Override
        protected void run(ApiClient api) {
            api.delete(trusted(organization) + "/" + id);
            out().println("Certificate " + id + " is no longer trusted by " + organization + ".");
        }
    }
}
