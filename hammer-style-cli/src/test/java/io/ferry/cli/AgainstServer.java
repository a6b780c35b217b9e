package io.ferry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** CLI tests run against a real packaged server, started once per test class; {@link #run} calls the CLI in-process. */
abstract class AgainstServer {
    static RunningServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FerryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The CLI against this class's server as admin. */
    static Result ferry(String... args) {
        return run(java.util.stream.Stream.concat(java.util.stream.Stream.of("--server", server.url, "--password",
                RunningServer.ADMIN_PASSWORD), java.util.stream.Stream.of(args)).toArray(String[]::new));
    }

    /** As {@link #ferry}, asserting exit 0. */
    static Result ok(String... args) {
        Result r = ferry(args);
        org.assertj.core.api.Assertions.assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err() + r.out()).isZero();
        return r;
    }
}
