package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --output table|json|csv} and {@code --fields}: how a command prints what the server answered. */
public class Output {
    enum Format { table, json, yaml, csv }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "table (default), json, yaml or csv")
    Format format = Format.table;

    @Option(names = "--fields", paramLabel = "A,B", split = ",", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Columns to show (JSON paths like product.label)")
    List<String> fields;

    /** Prints one object (info, create) as name/value lines, or as JSON/CSV. */
    public void object(PrintWriter out, JsonNode node, List<String> columns) {
        if (format == Format.json || format == Format.yaml) {
            structured(out, node);
            return;
        }
        List<String> cols = fields != null ? fields : columns;
        if (format == Format.csv) {
            out.println(String.join(",", cols));
            out.println(String.join(",", cols.stream().map(c -> csv(raw(node, c))).toList()));
            return;
        }
        int w = cols.stream().mapToInt(String::length).max().orElse(0);
        for (String c : cols) {
            out.printf("%-" + w + "s  %s%n", c, text(node, c));
        }
    }

    /** Prints a list (the {@code items} of a page, or an array) as a table, JSON or CSV. */
    public void list(PrintWriter out, JsonNode answer, List<String> columns) {
        JsonNode items = answer.has("items") ? answer.get("items") : answer;
        if (format == Format.json || format == Format.yaml) {
            structured(out, items);
            return;
        }
        List<String> cols = fields != null ? fields : columns;
        if (format == Format.csv) {
            out.println(String.join(",", cols));
            for (JsonNode n : items) {
                out.println(String.join(",", cols.stream().map(c -> csv(raw(n, c))).toList()));
            }
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode n : items) {
            rows.add(cols.stream().map(c -> text(n, c)).toList());
        }
        int[] w = new int[cols.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = cols.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        printRow(out, cols.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList(), w);
        char[] line = new char[Arrays.stream(w).sum() + 2 * (w.length - 1)];
        Arrays.fill(line, '-');
        out.println(new String(line));
        rows.forEach(r -> printRow(out, r, w));
        if (answer.has("total") && answer.path("total").asLong() > rows.size()) {
            out.printf("(%d of %d; use --page and --per-page)%n", rows.size(), answer.path("total").asLong());
        }
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == 0 ? "" : "  ").append(String.format("%-" + w[i] + "s", cells.get(i)));
        }
        out.println(b.toString().stripTrailing());
    }

    /** A field for csv: exact values, nested ones as compact JSON. */
    static String raw(JsonNode n, String path) {
        JsonNode v = at(n, path);
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A field for a table: sizes human-readable, nested objects as key=value, lists of objects by their label or name. */
    static String text(JsonNode n, String path) {
        JsonNode v = at(n, path);
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        return readable(v, leaf);
    }

    private static JsonNode at(JsonNode n, String path) {
        JsonNode v = n;
        for (String part : path.split("\\.")) {
            v = v.path(part);
        }
        return v;
    }

    static boolean isSize(String field) {
        String f = field.toLowerCase(java.util.Locale.ROOT);
        return f.endsWith("bytes") || f.endsWith("size");
    }

    private static String readable(JsonNode v, String field) {
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (v.isNumber() && isSize(field)) {
            return bytes(v.asLong());
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.isObject() ? name(x) : readable(x, field)));
            return String.join(" ", parts);
        }
        List<String> parts = new ArrayList<>();
        v.fields().forEachRemaining(e -> {
            String s = readable(e.getValue(), e.getKey());
            if (!s.isEmpty()) {
                parts.add(e.getKey() + "=" + (e.getValue().isContainerNode() ? "(" + s + ")" : s));
            }
        });
        return String.join(" ", parts);
    }

    /** How an object in a list is named in a table cell: its label, name, or else its fields. */
    private static String name(JsonNode x) {
        for (String k : List.of("label", "name", "organization", "subject")) {
            if (x.path(k).isValueNode()) {
                StringBuilder b = new StringBuilder(x.path(k).asText());
                if (x.has("status") && x.path("status").isValueNode()) {
                    b.append(" (").append(x.path("status").asText()).append(")");
                }
                return b.toString();
            }
        }
        return readable(x, "");
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** JSON or YAML of the whole answer (all fields, for scripts). */
    void structured(PrintWriter out, JsonNode node) {
        if (format == Format.yaml) {
            try {
                out.print(YAML.writeValueAsString(node));
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        json(out, node);
    }

    boolean structured() {
        return format == Format.json || format == Format.yaml;
    }

    static final com.fasterxml.jackson.databind.ObjectMapper YAML = new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().disable(
                    com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    static void json(PrintWriter out, JsonNode node) {
        try {
            out.println(ApiClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "1 unit", "2 units": a count with its noun. */
    static String count(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** Why a local file operation failed, in words ("no such file or directory", "permission denied"). */
    static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or directory (" + n.getFile() + ")";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + f.getFile() + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
