package io.ferry.receipt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Receipt settings (prefix {@code ferry.receipt}); documented in docs/configuration.md. */
@ConfigMapping(prefix = "ferry.receipt")
public interface ReceiptConfig {
    /** A receipt made longer ago than this is refused, and stored receipts older than this are removed. */
    @WithDefault("P30D")
    Duration maxAge();

    /** Largest receipt file accepted, in bytes (a blob costs 67 bytes: 100,000 blobs are about 6.7 MB). */
    @WithDefault("536870912")
    long maxBytes();
}
