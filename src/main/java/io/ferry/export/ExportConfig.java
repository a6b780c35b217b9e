package io.ferry.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Export settings (prefix {@code ferry.export}); documented in docs/configuration.md. */
@ConfigMapping(prefix = "ferry.export")
public interface ExportConfig {
    /** Where exports are written: {@code <root>/<org>/<scope>/<timestamp>-<id>/}. Default: {@code <data-dir>/exports}. */
    Optional<Path> root();

    /** Directories a caller-given export path must lie in. Default: the export root only. */
    Optional<List<Path>> allowedRoots();

    /** Threads that compress tgz volumes. Default: the number of processors. */
    OptionalInt compressionThreads();

    /**
     * Largest share (percent) of a multi-volume export that may go to the copies of the manifest and volume metadata
     * every volume repeats; smaller volumes are refused with FERRY-EXPORT-004.
     */
    @WithDefault("10")
    int maxVolumeOverhead();

    Retention retention();

    /** Old exports are removed by a scheduled job; the newest per scope and destination is always kept. */
    interface Retention {
        /** Keep at most this many exports per scope and destination. */
        OptionalInt keepLast();

        /** Remove exports finished longer ago than this. */
        Optional<Duration> maxAge();

        /** How often the retention job runs. */
        @WithDefault("1h")
        Duration interval();
    }
}
