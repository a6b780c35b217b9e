package io.ferry.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** What hammer's {@code update} verbs change: the display name and the description (labels never change). */
public class UpdateFields {
    @Option(names = "--new-name", paramLabel = "NAME", description = "New display name (the label stays)")
    String newName;
    @Option(names = "--description", description = "New description")
    String description;

    ObjectNode body() {
        ObjectNode b = ApiCommand.body();
        if (newName != null) {
            b.put("name", newName);
        }
        if (description != null) {
            b.put("description", description);
        }
        return b;
    }
}
