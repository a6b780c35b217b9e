package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** One plain progress line of a task: step, units and bytes done of their totals. */
final class Progress {
    private Progress() {
    }

    static String line(JsonNode t) {
        JsonNode p = t.path("progress");
        StringBuilder b = new StringBuilder("  ").append(t.path("state").asText());
        if (t.hasNonNull("step")) {
            b.append(": ").append(t.path("step").asText());
        }
        b.append(", ").append(p.path("unitsDone").asLong());
        if (p.hasNonNull("unitsTotal")) {
            b.append('/').append(p.path("unitsTotal").asLong());
        }
        b.append(" units");
        if (p.path("bytesDone").asLong() > 0 || p.hasNonNull("bytesTotal")) {
            b.append(", ").append(Output.bytes(p.path("bytesDone").asLong()));
            if (p.hasNonNull("bytesTotal")) {
                b.append(" of ").append(Output.bytes(p.path("bytesTotal").asLong()));
            }
        }
        return b.toString();
    }
}
