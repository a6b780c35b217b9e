package io.ferry.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Serving content over {@code /content} (prefix {@code ferry.content}). */
@ConfigMapping(prefix = "ferry.content")
public interface ContentConfig {
    /**
     * When true, anyone who can reach the server may read {@code /content} (as hosts usually do);
     * when false (the default), readers authenticate like API users and need {@code view_content}.
     */
    @WithDefault("false")
    boolean anonymous();

    /**
     * How many answers of {@code /content} lookups each node keeps in memory: URL to repository version, and path in
     * a version to its blob (about 300 bytes each). They are dropped whenever anything they come from changes.
     */
    @WithDefault("50000")
    int cacheEntries();
}
