package io.ferry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the PEM files operators pass, and writing the ones commands produce, with errors that name the file. */
final class CliFiles {
    private CliFiles() {
    }

    static String read(Path file) {
        Path f = file.toAbsolutePath();
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + f + ": " + reason(e));
        }
    }

    static Path write(Path file, String text) {
        Path f = file.toAbsolutePath();
        try {
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + f + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e instanceof java.nio.file.AccessDeniedException
                ? "permission denied" : String.valueOf(e.getMessage());
    }
}
