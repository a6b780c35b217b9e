package io.ferry;

import io.ferry.embeddeddb.EmbeddedDatabase;
import io.ferry.embeddeddb.EmbeddedPostgresException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: takes the data directory's lock (one server per directory), prepares the embedded database
 * when none is configured, then runs the server.
 */
@QuarkusMain
public final class FerryMain {
    private FerryMain() {
    }

    public static void main(String... args) {
        try {
            io.ferry.system.DataDirLock.acquire(EmbeddedDatabase.dataDirSetting());
        } catch (io.ferry.system.DataDirLock.HeldException | java.io.IOException e) {
            System.err.println("ferry: cannot start: " + e.getMessage());
            System.exit(1);
        }
        try {
            EmbeddedDatabase.startIfNeeded();
        } catch (EmbeddedPostgresException e) {
            System.err.println("ferry: " + e.getMessage());
            System.exit(1);
        }
        Quarkus.run(null, (exitCode, failure) -> {
            if (failure != null) {
                System.err.println("ferry: the server failed to start: " + failure);
                failure.printStackTrace();
            }
            EmbeddedDatabase.stop();
            System.exit(exitCode);
        }, args);
    }
}
