package io.ferry.embeddeddb;

/** The embedded database could not be prepared, started or stopped; the message says what to do. */
public class EmbeddedPostgresException extends RuntimeException {
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
