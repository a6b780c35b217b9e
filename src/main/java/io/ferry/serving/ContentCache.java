package io.ferry.serving;

import io.ferry.changes.ChangeFeed;
import io.ferry.changes.GenerationCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * What {@code /content} requests resolve to, kept in memory so a request for content that did not change costs no
 * database round trip: the repository version a URL names (until anything it comes from changes), and the blob at a
 * path of a version (versions are immutable). Both are bounded by {@code ferry.content.cache-entries}.
 */
@ApplicationScoped
public class ContentCache {
    @Inject
    ChangeFeed feed;
    @Inject
    ContentConfig config;
    @Inject
    MeterRegistry registry;

    /** The blob at a path of a repository version: what a response needs. */
    record Served(String sha256, long size, OffsetDateTime createdAt) {
    }

    private record UnitKey(long repositoryId, int version, String path) {
    }

    /** Marks "nothing there" so misses of absent paths do not reach the database again either. */
    static final Served ABSENT = new Served("", -1, null);

    private GenerationCache<String, PublishedRepository> repositories;
    private GenerationCache<UnitKey, Served> units;

    @PostConstruct
    void init() {
        int max = Math.max(16, config.cacheEntries());
        repositories = new GenerationCache<>(feed::generation, Math.max(16, max / 10));
        units = new GenerationCache<>(feed::generation, max);
        for (String kind : new String[] {"repository", "unit"}) {
            GenerationCache<?, ?> c = kind.equals("unit") ? units : repositories;
            FunctionCounter.builder("ferry.content.cache.hits", c, GenerationCache::hits).description("/content lookups answered "
                    + "from memory (what = repository: URL to repository version; unit: path to blob)").tag("what", kind)
                    .register(registry);
            FunctionCounter.builder("ferry.content.cache.misses", c, GenerationCache::misses).description("/content lookups "
                    + "that went to the database").tag("what", kind).register(registry);
            Gauge.builder("ferry.content.cache.entries", c, GenerationCache::size).description("/content lookups held in memory")
                    .tag("what", kind).register(registry);
        }
    }

    PublishedRepository repository(String key, Supplier<PublishedRepository> load) {
        return repositories.get(key, k -> load.get());
    }

    /** The blob at the path, or null when the version holds nothing there. */
    Served unit(long repositoryId, int version, String path, Supplier<Served> load) {
        Served s = units.get(new UnitKey(repositoryId, version, path), k -> {
            Served found = load.get();
            return found == null ? ABSENT : found;
        });
        return s == ABSENT ? null : s;
    }
}
