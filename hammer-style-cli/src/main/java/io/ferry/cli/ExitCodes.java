package io.ferry.cli;

/** hammer's exit codes (sysexits-style, plus not found and unauthorized). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USAGE = 64;
    public static final int DATA_ERROR = 65;
    public static final int UNAVAILABLE = 69;
    public static final int SOFTWARE = 70;
    public static final int PERMISSION_DENIED = 77;
    public static final int NOT_FOUND = 128;
    public static final int UNAUTHORIZED = 129;

    private ExitCodes() {
    }

    static int of(Throwable t) {
        return t instanceof CliException ce ? ce.exitCode() : SOFTWARE;
    }
}
