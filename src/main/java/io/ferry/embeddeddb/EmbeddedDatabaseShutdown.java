package io.ferry.embeddeddb;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Stops the embedded PostgreSQL as the last step of shutdown, after tasks have stopped. */
@Singleton
public class EmbeddedDatabaseShutdown {
    void onStop(@Observes @Priority(Integer.MAX_VALUE - 1) ShutdownEvent event) {
        EmbeddedDatabase.stop();
    }
}
