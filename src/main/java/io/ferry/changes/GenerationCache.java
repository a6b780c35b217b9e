package io.ferry.changes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded map of answers valid for one {@link ChangeFeed} generation: when the generation moves, every entry is
 * dropped. At most {@code maxEntries} entries are held: new ones go to a young map, and when it holds half the bound
 * it becomes the old map (the previous old one is dropped); a hit in the old map moves the entry back to the young one,
 * so what is used stays and what is not ages out. A load that ran while the generation moved is not kept.
 */
public final class GenerationCache<K, V> {
    private final java.util.function.LongSupplier generation;
    private final int half;
    private volatile State<K, V> state = new State<>(Long.MIN_VALUE);
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

    private static final class State<K, V> {
        final long generation;
        volatile Map<K, V> young = new ConcurrentHashMap<>();
        volatile Map<K, V> old = new ConcurrentHashMap<>();

        State(long generation) {
            this.generation = generation;
        }
    }

    /** @param generation the current generation, negative when nothing may be cached ({@link ChangeFeed#generation}) */
    public GenerationCache(java.util.function.LongSupplier generation, int maxEntries) {
        this.generation = generation;
        this.half = Math.max(1, maxEntries / 2);
    }

    /** The cached answer for the key, else what {@code load} answers (kept unless null or the generation moved). */
    public V get(K key, Function<K, V> load) {
        long g = generation.getAsLong();
        if (g < 0) {
            misses.increment();
            return load.apply(key);
        }
        State<K, V> s = state;
        if (s.generation != g) {
            s = new State<>(g);
            state = s;
        }
        V v = s.young.get(key);
        if (v == null) {
            v = s.old.get(key);
            if (v != null) {
                store(s, key, v);
            }
        }
        if (v != null) {
            hits.increment();
            return v;
        }
        misses.increment();
        v = load.apply(key);
        if (v != null && generation.getAsLong() == g) {
            store(s, key, v);
        }
        return v;
    }

    private void store(State<K, V> s, K key, V value) {
        Map<K, V> young = s.young;
        if (young.size() >= half) {
            synchronized (s) {
                if (s.young == young) {
                    s.old = young;
                    s.young = new ConcurrentHashMap<>();
                }
            }
        }
        s.young.put(key, value);
    }

    /** The cached answer for the key in the current generation, or null; never loads (a hit is counted). */
    public V peek(K key) {
        long g = generation.getAsLong();
        State<K, V> s = state;
        if (g < 0 || s.generation != g) {
            return null;
        }
        V v = s.young.get(key);
        if (v == null) {
            v = s.old.get(key);
        }
        if (v != null) {
            hits.increment();
        }
        return v;
    }

    /** Forgets one key (e.g. an answer too old to trust); the rest stay. */
    public void invalidate(K key) {
        State<K, V> s = state;
        s.young.remove(key);
        s.old.remove(key);
    }

    /** Entries held now (young and old), for tests and the metrics. */
    public int size() {
        State<K, V> s = state;
        return s.young.size() + s.old.size();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
