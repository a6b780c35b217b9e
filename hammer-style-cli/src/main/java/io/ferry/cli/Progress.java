package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/** Plain progress lines: of a task (step, units and bytes done of their totals) and of an upload. */
final class Progress {
    private Progress() {
    }

    static String line(JsonNode t) {
        JsonNode p = t.path("progress");
        StringBuilder b = new StringBuilder("  ").append(t.path("state").asText());
        if (t.hasNonNull("step")) {
            b.append(": ").append(t.path("step").asText());
        }
        if (p.hasNonNull("unitsTotal") || p.path("unitsDone").asLong() > 0) {
            b.append(", ").append(p.path("unitsDone").asLong());
            if (p.hasNonNull("unitsTotal")) {
                b.append('/').append(p.path("unitsTotal").asLong());
            }
            b.append(" units");
        }
        if (p.path("bytesDone").asLong() > 0 || p.hasNonNull("bytesTotal")) {
            b.append(", ").append(Output.bytes(p.path("bytesDone").asLong()));
            if (p.hasNonNull("bytesTotal")) {
                b.append(" of ").append(Output.bytes(p.path("bytesTotal").asLong()));
            }
        }
        return b.toString();
    }

    /** The last word on a finished task: its units and bytes, how long it ran and at what rate (from the server's times). */
    static String summary(JsonNode t) {
        JsonNode p = t.path("progress");
        StringBuilder b = new StringBuilder("  ").append(t.path("state").asText());
        double secs = -1;
        try {
            secs = java.time.Duration.between(java.time.OffsetDateTime.parse(t.path("startedAt").asText()),
                    java.time.OffsetDateTime.parse(t.path("finishedAt").asText())).toMillis() / 1000.0;
        } catch (java.time.format.DateTimeParseException e) {
            // no times: no duration
        }
        if (secs >= 0) {
            b.append(String.format(java.util.Locale.ROOT, " in %.1f s", secs));
        }
        b.append(": ").append(p.path("unitsDone").asLong());
        if (p.hasNonNull("unitsTotal")) {
            b.append('/').append(p.path("unitsTotal").asLong());
        }
        b.append(p.path("unitsTotal").asLong(p.path("unitsDone").asLong()) == 1 ? " unit" : " units");
        long bytes = p.path("bytesDone").asLong();
        if (bytes > 0) {
            b.append(", ").append(Output.bytes(bytes));
            if (secs > 0) {
                b.append(" (").append(Output.bytes((long) (bytes / secs))).append("/s)");
            }
        }
        return b.toString();
    }

    /** Counts bytes read from a file being uploaded and prints done/total, percent and rate every two seconds. */
    static final class Counting extends FilterInputStream {
        private final long size;
        private final PrintWriter out;
        private final long start = System.nanoTime();
        private long done;
        private long lastPrint = System.nanoTime();

        private final String verb;

        Counting(InputStream in, long size, PrintWriter out) {
            this(in, size, out, "uploaded");
        }

        Counting(InputStream in, long size, PrintWriter out, String verb) {
            super(in);
            this.size = size;
            this.out = out;
            this.verb = verb;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                done += n;
                long now = System.nanoTime();
                if (now - lastPrint > 2_000_000_000L) {
                    lastPrint = now;
                    double secs = (now - start) / 1e9;
                    long rate = (long) (done / secs);
                    if (size < 0) { // a stream of unknown length
                        out.printf("  %s %s, %s/s%n", verb, Output.bytes(done), Output.bytes(rate));
                    } else {
                        out.printf("  %s %s of %s (%d%%), %s/s%s%n", verb, Output.bytes(done), Output.bytes(size),
                                size == 0 ? 100 : done * 100 / size, Output.bytes(rate),
                                rate > 0 && size > done ? ", ETA " + TaskWatch.eta((size - done) / rate) : "");
                    }
                    out.flush();
                }
            }
            return n;
        }
    }
}
