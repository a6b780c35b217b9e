package io.ferry.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Resumable upload settings (prefix {@code ferry.uploads}). */
@ConfigMapping(prefix = "ferry.uploads")
public interface UploadsConfig {
    /** An upload not written to for this long is deleted with its bytes. */
    @WithDefault("24h")
    Duration expireAfter();

    /** The most files one bulk upload (a tar stream) may hold. */
    @WithDefault("1000000")
    int archiveMaxEntries();

    /** The largest upload that can be announced. */
    @WithDefault("1T")
    io.quarkus.runtime.configuration.MemorySize maxSize();
}
