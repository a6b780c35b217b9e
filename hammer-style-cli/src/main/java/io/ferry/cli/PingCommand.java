package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ferry ping}: is the server up, and are its database and storage healthy? Needs no login. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Check that the server answers and its database and storage are healthy.",
        footer = {"", "Exit codes: 0 healthy, 69 unreachable or unhealthy.", "", "Example:", "  ferry --server http://localhost:8080 ping"})
public class PingCommand implements Callable<Integer> {
    @ParentCommand
    FerryCli parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        URI base = parent.connection.serverUri();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(base.resolve("/q/health")).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot connect to " + base + ": is the server running? "
                    + "Start it with ./ferry-server or pass --server URL.");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted");
        }
        JsonNode health;
        try {
            health = new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, base + " answered HTTP " + r.statusCode()
                    + " but not with a Ferry health report; is this a Ferry server?");
        }
        var out = spec.commandLine().getOut();
        out.printf("%-40s %s%n", "server " + base, health.path("status").asText("UNKNOWN"));
        for (JsonNode check : health.path("checks")) {
            out.printf("  %-38s %s%n", check.path("name").asText(), check.path("status").asText());
        }
        return "UP".equals(health.path("status").asText()) ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }
}
