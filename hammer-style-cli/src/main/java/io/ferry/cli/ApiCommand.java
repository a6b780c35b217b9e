package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that talks to the API shares: the connection and output options of the root command (global, inherited). */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;
    protected Output output;

    @Override
    public Integer call() {
        FerryCli root = (FerryCli) spec.root().userObject();
        output = root.output;
        run(new ApiClient(root.connection));
        return ExitCodes.OK;
    }

    protected abstract void run(ApiClient api);

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected static ObjectNode body() {
        return ApiClient.JSON.createObjectNode();
    }

    /** A path given on the command line, made absolute against the working directory (the server is usually this machine). */
    protected static String local(String path) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            return p.isAbsolute() ? path : p.toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    protected static String org(String org) {
        return "/api/v1/organizations/" + ApiClient.enc(org);
    }

    /** Prints how to follow a task started with --async, or waits for it and answers the finished task. */
    protected JsonNode follow(ApiClient api, JsonNode task, boolean async) {
        if (async) {
            out().println("Task " + task.path("id").asText() + " started; follow it with: ferry task progress --id "
                    + task.path("id").asText());
            return null;
        }
        // progress goes to stderr when stdout carries json, yaml or csv, so a script can parse what it reads
        return api.await(task, output != null && output.structured() ? spec.commandLine().getErr() : out());
    }
}
