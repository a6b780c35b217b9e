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

    /** The blob at a path of a repository version: what a response needs, its validators formatted once. */
    record Served(String sha256, long size, OffsetDateTime createdAt, String etag, String lastModified) {
        static Served of(String sha256, long size, OffsetDateTime createdAt) {
            OffsetDateTime modified = createdAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return new Served(sha256, size, modified, '"' + sha256 + '"', httpDate(modified));
        }
    }

    private record UnitKey(long repositoryId, int version, String path) {
    }

    /** Marks "nothing there" so misses of absent paths do not reach the database again either. */
    /** HTTP's IMF-fixdate (RFC 9110 5.6.7): always a two-digit day, e.g. {@code Tue, 01 Dec 2026 07:18:56 GMT}. */
    private static final java.time.format.DateTimeFormatter IMF_FIXDATE = java.time.format.DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);

    static String httpDate(OffsetDateTime t) {
        return IMF_FIXDATE.format(t);
    }

    static final Served ABSENT = new Served("", -1, null, null, null);

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

    /** What the fast route may answer without any load: a cached repository version, or null. */
    PublishedRepository cachedRepository(String key) {
        return repositories.peek(key);
    }

    /** A cached blob of a path (null when not cached or known absent: the full path answers those). */
    Served cachedUnit(long repositoryId, int version, String path) {
        Served s = units.peek(new UnitKey(repositoryId, version, path));
        return s == ABSENT ? null : s;
    }

    static String latestKey(String org, String product, String repo) {
        return "L\0" + org + "\0" + product + "\0" + repo;
    }

    static String environmentKey(String org, String env, String cv, String repo) {
        return "E\0" + org + "\0" + env + "\0" + cv + "\0" + repo;
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
