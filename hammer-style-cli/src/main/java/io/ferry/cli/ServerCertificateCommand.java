package io.ferry.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry server-certificate}: the certificate the HTTPS listener presents. */
@Command(name = "server-certificate", mixinStandardHelpOptions = true,
        description = "The TLS certificate of the HTTPS listener (port 8443): issued by this server's CA unless configured.",
        subcommands = {ServerCertificateCommand.Info.class, ServerCertificateCommand.Renew.class},
        footer = {"", "Examples:", "  ferry server-certificate info", "  ferry server-certificate renew"})
public class ServerCertificateCommand extends Group {
    static final String PATH = "/api/v1/server-certificate";
    static final List<String> COLUMNS = List.of("subject", "issuer", "fingerprint", "notBefore", "notAfter", "names", "source");

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the certificate: names, issuer, validity, source.")
    static class Info extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.get(PATH), COLUMNS);
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true, description = "Issue it again now (or reload the configured files); "
            + "new connections get it at once, nothing restarts. It is also renewed automatically before it expires.")
    static class Renew extends ApiCommand {
        @Override
        protected void run(ApiClient api) {
            output.object(out(), api.post(PATH + "/renew", body()), COLUMNS);
        }
    }
}
