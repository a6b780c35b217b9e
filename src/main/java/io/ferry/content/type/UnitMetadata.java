package io.ferry.content.type;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Free-form metadata tags of a unit ({@code os=rhel9}, {@code arch=x86_64}): bounded in number and size. */
public final class UnitMetadata {
    public static final int MAX_ENTRIES = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, String>> STORED =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

    private UnitMetadata() {
    }

    /** A sorted copy of valid metadata, else FERRY-CONTENT-002. */
    public static Map<String, String> require(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_ENTRIES) {
            throw invalid("has " + metadata.size() + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || !KEY.matcher(e.getKey()).matches()) {
                throw invalid("key '" + e.getKey() + "' is not 1-64 of A-Z a-z 0-9 . _ : / - starting with a letter or digit");
            }
            String v = e.getValue();
            if (v == null || v.length() > MAX_VALUE_LENGTH || v.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw invalid("value of '" + e.getKey() + "' must be text of at most " + MAX_VALUE_LENGTH
                        + " characters without control characters");
            }
            sorted.put(e.getKey(), v);
        }
        return sorted;
    }

    /** Parses {@code key=value} strings (query parameters, CLI options). */
    public static Map<String, String> parse(Iterable<String> pairs) {
        Map<String, String> m = new TreeMap<>();
        if (pairs != null) {
            for (String p : pairs) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw invalid("entry '" + p + "' is not key=value");
                }
                m.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return require(m);
    }

    /** Metadata as stored (a JSON object of strings). */
    public static Map<String, String> fromJson(com.fasterxml.jackson.databind.ObjectMapper json, String text) {
        try {
            return json.readValue(text, STORED);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static FerryException invalid(String what) {
        return new FerryException(ErrorCode.INVALID_METADATA, "Metadata " + what + ".", "metadata");
    }
}
