package io.ferry.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry}: the hammer-style command line of Ferry,
 * {@code ferry [global options] <resource> [<subresource>] <action> [--option value ...]}.
 */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Manage a Ferry content server.",
        subcommands = {PingCommand.class, StatusCommand.class, LoginCommand.class, LogoutCommand.class, OrganizationCommand.class,
                ProductCommand.class, RepositoryCommand.class, ContentViewCommand.class, LifecycleEnvironmentCommand.class,
                ContentExportCommand.class, ContentImportCommand.class, TaskCommand.class, CaCommand.class, TrustCommand.class,
                ServerCertificateCommand.class, DownstreamServerCommand.class, UpstreamCommand.class, SyncPlanCommand.class, ContentLibraryCommand.class,
                PublicationTargetCommand.class, UserCommand.class, RoleCommand.class, AuditCommand.class,
                picocli.AutoComplete.GenerateCompletion.class, HelpCommand.class},
        footer = {"", "Connection: flags, then FERRY_SERVER/FERRY_USERNAME/FERRY_PASSWORD/FERRY_TOKEN/FERRY_CA_BUNDLE, then",
                "~/.config/ferry/cli.yml (written by ferry login).",
                "Exit codes: 0 ok, 64 usage, 65 data error, 69 unavailable, 70 software error, 77 permission denied,",
                "  128 not found, 129 unauthorized, 130 interrupted.", "",
                "Examples:", "  ferry ping", "  ferry --server https://ferry.example.org:8443 login --username admin",
                "  ferry organization list",
                "  ferry --output json repository list --organization ACME --product images",
                "  ferry content-export complete version --organization ACME --content-view web --version 1.0 --format iso",
                "  source <(ferry generate-completion)"})
public class FerryCli implements Runnable {
    @Mixin
    ConnectionOptions connection;
    @Mixin
    Output output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command tree as every run sees it: examples on every command, help wide enough not to wrap an example. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FerryCli());
        Examples.addMissing(cl);
        // wide enough that examples and the exit-code list never wrap mid-command; a wider terminal is used when detected
        cl.setUsageHelpWidth(160);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setAllowSubcommandsAsOptionParameters(true); // --fields status: a value, though "status" is also a command
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ferry: " + ex.getMessage());
            return ExitCodes.of(ex);
        });
        cl.registerConverter(Long.class, FerryCli::wholeNumber);
        cl.registerConverter(long.class, FerryCli::wholeNumber);
        cl.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("ferry: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                CommandLine.UnmatchedArgumentException.printSuggestions(u, e); // "Did you mean: organization list?"
            }
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    /** Ids and counts: "'abc' is not a whole number" rather than picocli's "is not a long". */
    static Long wholeNumber(String text) {
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
        }
    }

    public static void main(String... args) {
        TaskWatch.terminal = Terminal.isTerminal();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }
}
