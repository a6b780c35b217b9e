package io.ferry.common.value;

/**
 * The character rules every piece of text Ferry stores and shows obeys, and the one way to quote a
 * refused value in a message. Refused everywhere: C0 controls (except tab, and line breaks where a value
 * may span lines), DEL, C1 controls (0x80-0x9f, which include the 8-bit terminal CSI), bidirectional
 * embedding/override/isolate controls (which make a name display as another) and unpaired surrogates.
 */
public final class Text {
    /** Longest part of a refused value quoted in a message. */
    static final int SHOWN = 120;

    private Text() {
    }

    /** Why {@code s} breaks the character rules, or null. Line breaks are allowed only when {@code multiLine}. */
    public static String characterProblem(String s, boolean multiLine) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || multiLine && (c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return "contains the control character U+" + String.format("%04X", (int) c)
                        + (c == '\n' || c == '\r' ? " (a line break)" : c == 0x1b || c == 0x9b ? " (a terminal escape)" : "");
            }
            if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                return "contains the bidirectional control U+" + String.format("%04X", (int) c)
                        + ", which makes text display as something else";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (an unpaired surrogate)";
            }
        }
        return null;
    }

    /**
     * A value as it may be shown in a message or a terminal: refused characters as {@code \xNN} or
     * {@code <U+NNNN>}, at most {@value #SHOWN} characters and an ellipsis with the full length.
     */
    public static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < s.length() && shown < SHOWN; i++, shown++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                b.append(String.format("<U+%04X>", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > SHOWN ? b + "… (" + s.length() + " characters)" : b.toString();
    }

    /** Why {@code s} is not 1..max characters of single-line text with something other than spaces, or null. */
    static String lineProblem(String s, int max) {
        if (s == null || s.isBlank()) {
            return "is empty";
        }
        if (s.length() > max) {
            return "is " + s.length() + " characters long; at most " + max + " are allowed";
        }
        return characterProblem(s, false);
    }
}
