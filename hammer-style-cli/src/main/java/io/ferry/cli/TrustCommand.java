package io.ferry.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry trust}: the certificates an organization trusts to sign the bundles it imports. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "Certificates an organization trusts to sign the bundles it imports (a source server's CA).",
        subcommands = {TrustCommand.Add.class, TrustCommand.ListCmd.class, TrustCommand.Remove.class},
        footer = {"", "Examples:", "  ferry trust add --organization ACME --file alpha-ca.pem", "  ferry trust list --organization ACME",
                "  ferry trust add --organization ACME --crl alpha-crl.pem",
                "  ferry trust remove --organization ACME --id 3"})
public class TrustCommand extends Group {
    static final List<String> COLUMNS = List.of("id", "subject", "fingerprint", "ca", "notAfter", "addedBy");
    static final List<String> CRL_COLUMNS = List.of("id", "issuer", "thisUpdate", "nextUpdate", "revokedCount", "addedBy");

    static String trusted(String org) {
        return ApiCommand.org(org) + "/trusted-certificates";
    }

    abstract static class InOrg extends ApiCommand {
        @Option(names = {"--organization", "--organization-id", "--organization-label"}, required = true, description = "Organization label or id")
        String organization;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Trust a certificate (PEM file) to sign imported bundles, or add a trusted CA's CRL.")
    static class Add extends InOrg {
        @Option(names = "--file", description = "PEM certificate, e.g. written by 'ferry ca export' on the source")
        Path file;
        @Option(names = "--crl", description = "Instead: a PEM CRL of a trusted CA ('ferry ca crl' on the source); bundles whose "
                + "signer it lists are refused")
        Path crl;

        @Override
        protected void run(ApiClient api) {
            if ((file == null) == (crl == null)) {
                throw new CliException(ExitCodes.USAGE, "Give --file CERT.pem or --crl CRL.pem.");
            }
            if (crl != null) {
                output.object(out(), api.post(ApiCommand.org(organization) + "/trusted-crls", body().put("pem", CliFiles.read(crl))),
                        CRL_COLUMNS);
                return;
            }
            output.object(out(), api.post(trusted(organization), body().put("pem", CliFiles.read(file))), COLUMNS);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the trusted certificates (or, with --crls, the CRLs).")
    static class ListCmd extends InOrg {
        @Option(names = "--crls", description = "List the CRLs held instead")
        boolean crls;

        @Override
        protected void run(ApiClient api) {
            if (crls) {
                output.list(out(), api.get(ApiCommand.org(organization) + "/trusted-crls"), CRL_COLUMNS);
            } else {
                output.list(out(), api.get(trusted(organization)), COLUMNS);
            }
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
