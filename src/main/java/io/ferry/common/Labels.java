package io.ferry.common;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Labels are the stable, URL-safe names entities are matched by (in paths, on import, in the CLI).
 * Anywhere an entity is referenced, a reference may be its numeric id or its label; labels that are
 * only digits are therefore refused.
 */
public final class Labels {
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    private static final Pattern LABEL = Pattern.compile(PATTERN);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Labels() {
    }

    /** The given label, or one derived from the name when none is given; either way validated. */
    public static String labelOrDerive(String label, String name, String field) {
        String l = label == null || label.isBlank() ? derive(name) : label;
        return require(l, field);
    }

    public static String require(String label, String field) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "A label is 1-128 characters of A-Z a-z 0-9 . _ - "
                    + "starting with a letter or digit; got '" + label + "'.", field);
        }
        if (DIGITS.matcher(label).matches()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "A label cannot be only digits ('" + label
                    + "' would read as an id). Add a letter.", field);
        }
        return label;
    }

    /** Whether a path reference is a numeric id rather than a label. */
    public static boolean isId(String ref) {
        return ref != null && DIGITS.matcher(ref).matches() && ref.length() < 19;
    }

    /** Looks an entity up by a reference: {@code byId} when it is a numeric id, else {@code byLabel}. */
    public static <T> java.util.Optional<T> lookup(String ref, java.util.function.LongFunction<java.util.Optional<T>> byId,
                                                   java.util.function.Function<String, java.util.Optional<T>> byLabel) {
        return isId(ref) ? byId.apply(Long.parseLong(ref)) : byLabel.apply(ref);
    }

    /**
     * As {@link #lookup(String, java.util.function.LongFunction, java.util.function.Function)}, then by name when no
     * label matches (hammer accepts names): {@code byName} answers at most two matches; two are ambiguous.
     */
    public static <T> java.util.Optional<T> lookup(String ref, java.util.function.LongFunction<java.util.Optional<T>> byId,
                                                   java.util.function.Function<String, java.util.Optional<T>> byLabel,
                                                   java.util.function.Function<String, java.util.List<T>> byName) {
        java.util.Optional<T> found = lookup(ref, byId, byLabel);
        if (found.isPresent()) {
            return found;
        }
        java.util.List<T> named = byName.apply(ref);
        if (named.size() > 1) {
            throw new FerryException(ErrorCode.CONFLICT, "More than one has the name '" + ref + "'; use its label or id.");
        }
        return named.stream().findFirst();
    }

    static String derive(String name) {
        if (name == null) {
            return null;
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String l = ascii.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._-]+", "");
        if (l.length() > 128) {
            l = l.substring(0, 128);
        }
        return DIGITS.matcher(l).matches() ? "n" + l : l;
    }
}
