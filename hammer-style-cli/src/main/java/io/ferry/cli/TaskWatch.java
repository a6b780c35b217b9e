package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a task until it ends: a redrawn progress bar (bytes, rate, ETA) on a terminal, a plain line every
 * two seconds otherwise. Ctrl-C asks whether to cancel the task on the server or leave it running.
 */
final class TaskWatch {
    /** Exit code when the user interrupted the wait (128 + SIGINT). */
    static final int INTERRUPTED = 130;
    /** Set by {@link FerryCli#main} when stdout is a terminal; in-process callers (tests) get plain lines. */
    static volatile boolean terminal;

    private final ApiClient api;
    private final PrintWriter out;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private long firstNanos;
    private long firstBytes = -1;
    private long lastPrint;
    private int drawn;
    private String lastStep;
    private long lastDone;

    TaskWatch(ApiClient api, PrintWriter out) {
        this.api = api;
        this.out = out;
        this.lastPrint = System.nanoTime(); // plain lines start after two seconds: a short task shows only its summary
    }

    JsonNode await(JsonNode task) {
        String href = task.path("href").asText();
        String id = task.path("id").asText();
        Object previous = installInterruptHandler();
        try {
            while (true) {
                JsonNode t = api.get(href);
                String state = t.path("state").asText();
                if (!state.equals("waiting") && !state.equals("running")) {
                    clearBar();
                    if (!state.equals("completed")) {
                        JsonNode e = t.path("error");
                        throw new CliException(ApiClient.exitFor(e.path("status").asInt(500)), "task " + id + " " + state
                                + (t.hasNonNull("step") ? " while " + t.path("step").asText() : "") + ": "
                                + Hints.rewrite(e.path("detail").asText("no detail")) + " [" + e.path("code").asText() + "]");
                    }
                    out.println(Progress.summary(t));
                    out.flush();
                    return t;
                }
                if (interrupted.getAndSet(false)) {
                    onInterrupt(id, href);
                }
                show(t);
                sleep(200);
            }
        } finally {
            restore(previous);
        }
    }

    private void onInterrupt(String id, String href) {
        clearBar();
        boolean cancel = false;
        if (terminal) {
            out.print("Cancel task " + id + " on the server? [y/N] ");
            out.flush();
            try {
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                cancel = answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
            } catch (java.io.IOException e) {
                cancel = false;
            }
        }
        if (cancel) {
            api.post(href + "/cancel", null);
            out.println("Cancel requested; waiting for task " + id + " to stop...");
            out.flush();
            while (true) {
                String state = api.get(href).path("state").asText();
                if (!state.equals("waiting") && !state.equals("running")) {
                    throw new CliException(INTERRUPTED, "task " + id + " " + state + " on request");
                }
                sleep(200);
            }
        }
        throw new CliException(INTERRUPTED, "stopped waiting; task " + id + " goes on on the server. Follow it with: ferry task "
                + "progress --id " + id + "   cancel it with: ferry task cancel --id " + id);
    }

    private void show(JsonNode t) {
        JsonNode p = t.path("progress");
        long done = p.path("bytesDone").asLong();
        long now = System.nanoTime();
        String step = t.path("step").asText("");
        if (!step.equals(lastStep) || done < lastDone) {
            firstBytes = -1; // a new step counts its bytes from zero: so does its rate
            lastStep = step;
        }
        lastDone = done;
        if (firstBytes < 0) {
            firstBytes = done;
            firstNanos = now;
        }
        double secs = (now - firstNanos) / 1e9;
        long rate = secs > 0.5 ? (long) ((done - firstBytes) / secs) : 0;
        Long total = p.hasNonNull("bytesTotal") ? p.path("bytesTotal").asLong() : null;
        String eta = rate > 0 && total != null && total > done ? eta((total - done) / rate) : null;
        if (terminal) {
            if (now - lastPrint < 250_000_000L) {
                return;
            }
            lastPrint = now;
            StringBuilder b = new StringBuilder("\r");
            b.append(t.path("step").asText(t.path("state").asText()));
            if (total != null && total > 0) {
                int width = 24;
                int filled = (int) Math.min(width, done * width / total);
                b.append(" [").append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ")
                        .append(done * 100 / total).append("% ").append(Output.bytes(done)).append(" of ").append(Output.bytes(total));
            } else {
                b.append(" ").append(Output.bytes(done));
            }
            if (rate > 0) {
                b.append(", ").append(Output.bytes(rate)).append("/s");
            }
            if (eta != null) {
                b.append(", ETA ").append(eta);
            }
            String line = b.toString();
            int len = line.length() - 1;
            out.print(line + " ".repeat(Math.max(0, drawn - len)));
            drawn = len;
            out.flush();
        } else if (now - lastPrint > 2_000_000_000L) {
            lastPrint = now;
            out.println(Progress.line(t) + (rate > 0 ? ", " + Output.bytes(rate) + "/s" : "") + (eta == null ? "" : ", ETA " + eta));
            out.flush();
        }
    }

    private void clearBar() {
        if (terminal && drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }

    static String eta(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** Ctrl-C sets a flag the loop handles (JDK's sun.misc.Signal; without it Ctrl-C ends the process as usual). */
    private Object installInterruptHandler() {
        if (!terminal) {
            return null;
        }
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> interrupted.set(true));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void restore(Object previous) {
        if (previous instanceof sun.misc.SignalHandler h) {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(INTERRUPTED, "interrupted while waiting; the task goes on on the server");
        }
    }
}
