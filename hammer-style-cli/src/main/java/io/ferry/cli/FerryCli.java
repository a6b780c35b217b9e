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
        subcommands = {PingCommand.class, OrganizationCommand.class, ProductCommand.class, RepositoryCommand.class,
                ContentViewCommand.class, LifecycleEnvironmentCommand.class, TaskCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  ferry ping", "  ferry --server https://ferry.example.org:8443 ping",
                "  FERRY_PASSWORD=... ferry organization list",
                "  ferry --output json repository list --organization ACME --product images"})
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

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new FerryCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ferry: " + ex.getMessage());
            return ExitCodes.of(ex);
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("ferry: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'ferry --help'.");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }
}
