package io.ferry.common.value;

import io.ferry.common.ErrorCode;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Free-form metadata tags of a unit ({@code os=rhel9}, {@code arch=x86_64}), sorted by key: at most 64
 * entries; a key is 1-64 of {@code A-Z a-z 0-9 . _ : / -} starting with a letter or digit; a value is one
 * line of at most 1024 characters (tabs allowed) under the character rules of {@link Text}.
 */
public record Metadata(SortedMap<String, String> entries) {
    public static final int MAX_ENTRIES = 64;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final Metadata EMPTY = new Metadata(new TreeMap<>());
    static final String RULE = "Metadata has at most " + MAX_ENTRIES + " entries; a key is 1-" + MAX_KEY_LENGTH
            + " of A-Z a-z 0-9 . _ : / - starting with a letter or digit; a value is one line of at most " + MAX_VALUE_LENGTH
            + " characters without control characters.";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0," + (MAX_KEY_LENGTH - 1) + "}");

    public Metadata {
        if (entries.size() > MAX_ENTRIES) {
            throw invalid("entries", String.valueOf(entries.size()), "are more than " + MAX_ENTRIES);
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            requireKey(e.getKey());
            requireValue(e.getKey(), e.getValue());
        }
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** Valid metadata from a map (null is none). */
    public static Metadata of(Map<String, String> map) {
        return map == null || map.isEmpty() ? EMPTY : new Metadata(new TreeMap<>(map));
    }

    /** Checks one key as it arrives (a bundle is read entry by entry). */
    public static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw invalid("key", key, key == null || key.isEmpty() ? "is empty" : "has characters a key cannot have or is "
                    + "longer than " + MAX_KEY_LENGTH);
        }
    }

    /** Checks one value as it arrives. */
    public static void requireValue(String key, String value) {
        String p = value == null ? "is missing" : value.length() > MAX_VALUE_LENGTH ? "is " + value.length()
                + " characters long; at most " + MAX_VALUE_LENGTH + " are allowed" : Text.characterProblem(value, false);
        if (p != null) {
            throw invalid("value of '" + Text.printable(key) + "',", value, p);
        }
    }

    /** Parses {@code key=value} strings (query parameters, CLI options). */
    public static Metadata parse(Iterable<String> pairs) {
        TreeMap<String, String> m = new TreeMap<>();
        if (pairs != null) {
            for (String p : pairs) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw invalid("entry", p, "is not key=value");
                }
                m.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return new Metadata(m);
    }

    private static InvalidValueException invalid(String what, String value, String problem) {
        return new InvalidValueException(ErrorCode.INVALID_METADATA, "Metadata " + what, value, problem, RULE, "metadata");
    }
}
