package io.ferry.task;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Task execution settings (prefix {@code ferry.tasks}). */
@ConfigMapping(prefix = "ferry.tasks")
public interface TasksConfig {
    /** Tasks run at once on this node. */
    @WithDefault("2")
    int workers();

    /** How often waiting tasks are looked for when nothing signals (other nodes, lock releases). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Minimum time between progress writes to the database for one task. */
    @WithDefault("500ms")
    Duration progressInterval();
}
