package io.ferry.imports.bundle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Description;
import io.ferry.common.value.Label;
import io.ferry.common.value.Name;
import io.ferry.common.value.Text;
import java.util.UUID;

/**
 * The API's rules applied to every value a manifest carries: each value is built with the same domain
 * type the API builds ({@link Label}, {@link Name}, {@link io.ferry.common.value.RelativePath}, ...), and a
 * refusal becomes {@code FERRY-IMPORT-014} naming the manifest field and the offending value (escaped).
 */
final class BundleValues {
    private BundleValues() {
    }

    @FunctionalInterface
    interface Build<T> {
        T get();
    }

    /** Builds a value; any rule it breaks is reported against {@code where} (a manifest path like {@code repositories[2].label}). */
    static <T> T check(String where, Build<T> build) {
        try {
            return build.get();
        } catch (FerryException e) {
            throw refused(where, e.getMessage());
        }
    }

    static FerryException refused(String where, String why) {
        return new FerryException(ErrorCode.IMPORT_VALUE_INVALID, "The manifest's " + where + " breaks the rule the API applies "
                + "to it: " + why + " The bundle was not imported and nothing was changed; bundles get the same rules as the API. "
                + "Correct the value on the source server and export again.", where);
    }

    static String label(String where, String value) {
        return check(where, () -> Label.of(value, where)).value();
    }

    /** A label if present (null stays null). */
    static String optionalLabel(String where, String value) {
        return value == null ? null : label(where, value);
    }

    /** A name, or {@code fallback} (a label) when the manifest gives none. */
    static String name(String where, String value, String fallback) {
        return value == null ? fallback : check(where, () -> Name.of(value, where)).value();
    }

    /** A description; null or empty is none (null). */
    static String description(String where, String value) {
        return check(where, () -> Description.text(value, where));
    }

    static UUID serverId(String where, String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equals(value)) {
                return id;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // refused below
        }
        throw refused(where, "'" + Text.printable(value) + "' is not a server id (a UUID such as "
                + "00000000-0000-0000-0000-000000000001).");
    }

    static long positive(String where, Object value) {
        if (!(value instanceof Long l) || l < 1) {
            throw refused(where, "'" + Text.printable(String.valueOf(value)) + "' is not a positive whole number.");
        }
        return l;
    }

    static int count(String where, Object value) {
        if (value != null && (!(value instanceof Long l) || l < 0 || l > Integer.MAX_VALUE)) {
            throw refused(where, "'" + Text.printable(String.valueOf(value)) + "' is not a whole number from 0 to "
                    + Integer.MAX_VALUE + ".");
        }
        return value == null ? 0 : (int) (long) (Long) value;
    }

    static long size(String where, Object value) {
        if (value != null && (!(value instanceof Long l) || l < 0)) {
            throw refused(where, "'" + Text.printable(String.valueOf(value)) + "' is not a size in bytes.");
        }
        return value == null ? 0 : (Long) value;
    }
}
