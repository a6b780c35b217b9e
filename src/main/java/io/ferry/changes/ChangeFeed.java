package io.ferry.changes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The generation of what cached answers may rely on. It moves when this node has committed a change (a mutating API
 * request answered, a task ended) and when a notification on channel {@code ferry_changes} arrives: every table that
 * URLs and credentials resolve from notifies when a transaction that changed it commits (migration V015), whichever
 * node ran it. One connection per node LISTENs; while it is down, {@link #generation()} is -1 and nothing is cached.
 */
@Singleton
public class ChangeFeed {
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    static final String CHANNEL = "ferry_changes";

    @Inject
    AgroalDataSource dataSource;

    private final AtomicLong generation = new AtomicLong();
    private volatile boolean live;
    private volatile boolean stopping;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        thread = Thread.ofPlatform().daemon().name("ferry-change-feed").start(this::listen);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        live = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The current generation, or -1 while changes cannot be followed (then callers do not cache). */
    public long generation() {
        return live ? generation.get() : -1;
    }

    /** This node committed a change: answers cached before it are stale now, not when its notification comes back. */
    public void changed() {
        generation.incrementAndGet();
    }

    private void listen() {
        long backoff = 500;
        while (!stopping) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                generation.incrementAndGet(); // whatever changed while nobody listened
                live = true;
                backoff = 500;
                LOG.debug("Following changes on channel " + CHANNEL);
                while (!stopping) {
                    PGNotification[] n = pg.getNotifications(1000);
                    if (n != null && n.length > 0) {
                        generation.incrementAndGet();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                live = false;
                generation.incrementAndGet();
                if (stopping) {
                    return;
                }
                LOG.warnf("Not following database changes (%s); cached /content and credential answers are off until the "
                        + "connection is back", e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }
}
