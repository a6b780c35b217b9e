package io.ferry.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry help [COMMAND...]}: the help of a command at any depth ({@code ferry help content-export complete version}). */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. ferry help content-export complete version.")
public class HelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its subcommands")
    List<String> commands = new ArrayList<>();

    private CommandLine self;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.out = outWriter;
        this.err = errWriter;
    }

    @Override
    public Integer call() {
        CommandLine c = self.getParent();
        for (String name : commands) {
            CommandLine sub = c.getSubcommands().get(name);
            if (sub == null) {
                err.println("ferry: '" + c.getCommandSpec().qualifiedName() + "' has no command '" + name + "'; its commands: "
                        + String.join(", ", c.getSubcommands().keySet()) + ".");
                err.flush();
                return ExitCodes.USAGE;
            }
            c = sub;
        }
        c.usage(out);
        out.flush();
        return ExitCodes.OK;
    }
}
