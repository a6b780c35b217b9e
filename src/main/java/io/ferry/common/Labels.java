package io.ferry.common;

import io.ferry.common.value.Label;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * References to entities: anywhere an entity is referenced, a reference may be its numeric id or its
 * {@link Label} (which is never only digits), or, where no label matches, its name. Also derives a label
 * from a name when none is given.
 */
public final class Labels {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Labels() {
    }

    /** The given label, or one derived from the name when none is given; either way a valid {@link Label}. */
    public static String labelOrDerive(String label, String name, String field) {
        String l = label == null || label.isBlank() ? derive(io.ferry.common.value.Name.of(name, "name").value()) : label;
        return Label.of(l, field).value();
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
        if (l.length() > Label.MAX) {
            l = l.substring(0, Label.MAX);
        }
        return DIGITS.matcher(l).matches() ? "n" + l : l;
    }
}
