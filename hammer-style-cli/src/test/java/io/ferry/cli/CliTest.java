package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CliTest extends AgainstServer {
    @Test
    void pingAHealthyServer() {
        Result r = run("--server", server.url, "ping");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("server " + server.url).contains("UP").contains("storage")
                .contains("Database connections health check");
    }

    @Test
    void pingUsesFerryServerWhenNoFlag() {
        Result r = run("ping", "--server", server.url);
        assertThat(r.exit()).isZero();
    }

    @Test
    void pingAnUnreachableServerExits69() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = run("--server", "http://127.0.0.1:" + port, "ping");
        assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).contains("cannot connect").contains("./ferry-server");
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("ferry 0.1.0-SNAPSHOT");
        Result h = run("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("ping").contains("Examples:");
    }

    @Test
    void usageErrorsExit64() {
        Result r = run("no-such-command");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Try 'ferry --help'");
        Result typo = run("organization", "lst");
        assertThat(typo.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("Did you mean").contains("list").contains("Try 'ferry organization --help'");
        Result notNumber = run("content-import", "info", "--organization", "ACME", "--id", "abc");
        assertThat(notNumber.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(notNumber.err()).contains("'abc' is not a whole number").doesNotContain("long");
        assertThat(run("--server", "not a url", "ping").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpWorksOnEveryCommandWithNoOtherOption() {
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(List.of(new picocli.CommandLine(new FerryCli())));
        int checked = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.poll();
            todo.addAll(c.getSubcommands().values());
            if (c.getCommandName().equals("help") || c.getCommandName().equals("ferry")) {
                continue;
            }
            List<String> args = new java.util.ArrayList<>(List.of(c.getCommandSpec().qualifiedName(" ").split(" ")));
            args.remove(0);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: ferry " + String.join(" ", args.subList(0, args.size() - 1)));
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        Result nested = run("help", "content-export", "complete", "version");
        assertThat(nested.exit()).isZero();
        assertThat(nested.out()).contains("Usage: ferry content-export complete version").contains("--content-view");
        Result unknown = run("help", "content-export", "nope");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("has no command 'nope'").contains("complete");
    }

    @Test
    void everyCommandsHelpEndsWithAnExampleThatNamesIt() {
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        picocli.CommandLine root = FerryCli.commandLine();
        todo.add(root);
        int checked = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.poll();
            todo.addAll(c.getSubcommands().values());
            if (c.getCommandName().equals("help")) {
                continue;
            }
            String usage = c.getUsageMessage();
            String name = c.getCommandSpec().qualifiedName(" ");
            assertThat(usage).as(name).contains("Example");
            assertThat(usage.substring(usage.indexOf("Example"))).as(name).contains(name.replaceFirst("^ferry ", ""));
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                assertThat(usage).as(name + ": an example wrapped mid-command").contains(line.replace("%n", ""));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }
}
