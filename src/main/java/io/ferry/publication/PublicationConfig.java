package io.ferry.publication;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Publication to S3-compatible buckets (docs/configuration.md). */
@ConfigMapping(prefix = "ferry.publication")
public interface PublicationConfig {
    /** Objects uploaded (or checked) at once per publication. */
    @WithDefault("8")
    int parallelUploads();

    /** Files at least this large are uploaded in parts. */
    @WithDefault("67108864")
    long multipartThreshold();

    /** The size of each part of a multipart upload (S3 needs at least 5 MiB). */
    @WithDefault("16777216")
    long partSize();

    /** How long one bucket request may take before it counts as failed. */
    @WithDefault("PT5M")
    Duration requestTimeout();
}
