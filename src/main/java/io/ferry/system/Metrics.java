package io.ferry.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The counters an operator's Prometheus charts (at {@code /q/metrics}, each with HELP text): bytes exported,
 * imported, served and synced, and tasks by type and final state with their durations. The counters exist
 * from the start (at zero), so a dashboard sees them before the first export. Counting is one increment per
 * export, import, sync or response, never per blob.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class Metrics {
    static final List<String> EXPORT_FORMATS = List.of("dir", "tgz", "iso", "stream");

    @Inject
    MeterRegistry registry;

    private Counter servedBytes;
    private Counter importBytes;
    private Counter importBlobs;
    private Counter imports;

    @PostConstruct
    void init() {
        servedBytes = Counter.builder("ferry.content.served.bytes").description("Bytes of /content responses (whole units and "
                + "ranges), counted when the response starts").baseUnit("bytes").register(registry);
        importBytes = Counter.builder("ferry.import.bytes").description("Bytes of blobs stored by completed imports (verified, new "
                + "to this server)").baseUnit("bytes").register(registry);
        importBlobs = Counter.builder("ferry.import.blobs").description("Blobs stored by completed imports").register(registry);
        imports = Counter.builder("ferry.imports").description("Imports completed").register(registry);
        EXPORT_FORMATS.forEach(f -> {
            exportBytes(f);
            exports(f);
        });
        for (String kind : List.of("remote", "upstream")) {
            syncBytes(kind);
            syncFiles(kind);
        }
    }

    private Counter exportBytes(String format) {
        return Counter.builder("ferry.export.bytes").description("Bytes of bundle volumes written by completed exports (dir, tgz, "
                + "iso, or streamed)").baseUnit("bytes").tag("format", format).register(registry);
    }

    private Counter exports(String format) {
        return Counter.builder("ferry.exports").description("Exports completed").tag("format", format).register(registry);
    }

    private Counter syncBytes(String kind) {
        return Counter.builder("ferry.sync.bytes").description("Bytes downloaded by completed syncs").baseUnit("bytes")
                .tag("kind", kind).register(registry);
    }

    private Counter syncFiles(String kind) {
        return Counter.builder("ferry.sync.files").description("Files downloaded by completed syncs").tag("kind", kind)
                .register(registry);
    }

    /** An export finished: the bytes of its volumes (or of the streamed tar.gz). */
    public void exported(String format, long bytes) {
        exportBytes(format).increment(bytes);
        exports(format).increment();
    }

    /** An import finished: the bytes and blobs it stored (blobs already present are not counted). */
    public void imported(long bytes, long blobs) {
        importBytes.increment(bytes);
        importBlobs.increment(blobs);
        imports.increment();
    }

    /** A content response started: the bytes it sends (the range, or the whole unit). The hot path: one cached counter. */
    public void served(long bytes) {
        servedBytes.increment(bytes);
    }

    /** A repository sync from a remote finished: the bytes and files it downloaded. */
    public void synced(String kind, long bytes, long files) {
        syncBytes(kind).increment(bytes);
        syncFiles(kind).increment(files);
    }

    /** A task ended. */
    public void taskEnded(String type, String state, Duration took) {
        Counter.builder("ferry.tasks.finished").description("Tasks that ended, by type and final state").tag("type", type)
                .tag("state", state).register(registry).increment();
        Timer.builder("ferry.tasks.duration").description("How long tasks ran, by type and final state").tag("type", type)
                .tag("state", state).register(registry).record(took);
    }
}
