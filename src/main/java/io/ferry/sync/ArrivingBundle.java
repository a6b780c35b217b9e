package io.ferry.sync;

import io.ferry.imports.bundle.Arrivals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bundle received from the upstream into a file on a thread of its own, while the sync imports that file as it
 * arrives ({@link Arrivals}): receiving, inflating, hashing and storing overlap instead of following each other.
 * The file stays what a broken-off transfer leaves for {@link PartialTransfers#keep}.
 */
final class ArrivingBundle implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final InputStream body;
    private final OutputStream out;
    private final Arrivals.Arrival arrival;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private volatile long received;

    private ArrivingBundle(InputStream body, Path file) throws IOException {
        this.body = body;
        this.arrival = Arrivals.begin(file);
        try {
            this.out = Files.newOutputStream(file);
        } catch (IOException e) {
            arrival.close();
            throw e;
        }
        this.thread = new Thread(this::receive, "ferry-sync-receive");
        this.thread.setDaemon(true);
    }

    /** Starts receiving {@code body} into {@code file} (created now, so the import finds it at once). */
    static ArrivingBundle start(InputStream body, Path file) throws IOException {
        ArrivingBundle b;
        try {
            b = new ArrivingBundle(body, file);
        } catch (IOException | RuntimeException e) {
            body.close(); // not received: let the connection go
            throw e;
        }
        b.thread.start();
        return b;
    }

    private void receive() {
        byte[] buf = new byte[BUFFER];
        try (out) {
            int n;
            while (!stopped && (n = body.read(buf)) >= 0) {
                out.write(buf, 0, n);
                received += n;
                arrival.grew(n);
            }
            if (!stopped) {
                out.flush();
                arrival.finish();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            arrival.fail(failure == null ? "the transfer was stopped" : "the upstream's stream broke off: " + failure.getMessage());
        }
    }

    /** True when the upstream's stream broke off (not stopped by {@link #stop}): the import failed for want of bytes. */
    boolean brokeOff() {
        return failure != null && !stopped;
    }

    /** Why the stream broke off. */
    String why() {
        return failure == null ? "" : String.valueOf(failure.getMessage());
    }

    long received() {
        return received;
    }

    /** Waits up to {@code millis} for the stream's end (after the import read all it needs, only the trailer remains), then stops it. */
    void finish(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /** Stops receiving (the import failed or needs nothing more) and waits for the receiving thread. */
    void stop() {
        if (!thread.isAlive()) {
            return;
        }
        stopped = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection goes away with it
        }
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        arrival.close();
    }
}
