package io.ferry.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help ends with examples. Groups carry hand-written ones; an action without its own
 * gets the group examples that use it, or else one built from its required options (always in step
 * with the real options, as it is made from them).
 */
final class Examples {
    private Examples() {
    }

    static void addMissing(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!String.join("\n", spec.usageMessage().footer()).contains("Example") && !spec.name().equals("help")) {
                List<String> lines = new ArrayList<>(List.of("", "Examples:"));
                lines.addAll(fromAncestors(spec));
                if (lines.size() == 2) {
                    lines.add("  " + synthesize(spec));
                }
                List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
                footer.addAll(lines);
                spec.usageMessage().footer(footer.toArray(String[]::new));
            }
            addMissing(sub);
        }
    }

    /** Example groups (a "  ferry ..." line and its continuation lines) of the ancestors that run this command. */
    private static List<String> fromAncestors(CommandSpec spec) {
        String path = spec.qualifiedName(" ").replaceFirst("^ferry ", "");
        List<String> out = new ArrayList<>();
        for (CommandSpec a = spec.parent(); a != null; a = a.parent()) {
            List<String> group = new ArrayList<>();
            for (String line : a.usageMessage().footer()) {
                if (line.startsWith("  ") && !line.startsWith("      ")) {
                    flush(group, path, out);
                    group.clear();
                    group.add(line);
                } else if (line.startsWith("      ") && !group.isEmpty()) {
                    group.add(line);
                } else {
                    flush(group, path, out);
                    group.clear();
                }
            }
            flush(group, path, out);
            if (!out.isEmpty()) {
                return out;
            }
        }
        return out;
    }

    private static void flush(List<String> group, String path, List<String> out) {
        if (!group.isEmpty() && (group.get(0) + " ").matches(".*\\bferry( --?[a-z-]+( [^ -][^ ]*)?)* " + java.util.regex.Pattern.quote(path)
                + " .*")) {
            out.addAll(group);
        }
    }

    private static String synthesize(CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.qualifiedName(" "));
        for (OptionSpec o : spec.options()) {
            if (o.required()) {
                String label = o.paramLabel().replaceAll("[<>]", "");
                b.append(' ').append(o.longestName());
                if (!o.typeInfo().isBoolean()) {
                    b.append(' ').append(label.startsWith("PARAM") || label.isBlank() ? "VALUE" : label);
                }
            }
        }
        return b.toString();
    }
}
