package io.ferry.cli;

import java.io.Console;

/** Whether stdin/stdout are a terminal (progress bars, prompts) or redirected (plain lines, no prompt). */
final class Terminal {
    private Terminal() {
    }

    static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // Java 22+: a Console exists also when redirected; isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: console() is null unless interactive
        }
    }

    /** Reads a password without echo from the terminal, or null when there is none. */
    static String readPassword(String prompt) {
        Console c = System.console();
        if (c == null || !isTerminal()) {
            return null;
        }
        char[] pw = c.readPassword("%s", prompt);
        return pw == null ? null : new String(pw);
    }
}
