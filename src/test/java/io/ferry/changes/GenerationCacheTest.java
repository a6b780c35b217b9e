package io.ferry.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GenerationCacheTest {
    @Test
    void answersAreKeptUntilTheGenerationMovesAndNeverBeyondTheBound() {
        AtomicLong gen = new AtomicLong(1);
        GenerationCache<Integer, String> c = new GenerationCache<>(gen::get, 100);
        AtomicInteger loads = new AtomicInteger();
        assertThat(c.get(1, k -> "v" + k + "-" + loads.incrementAndGet())).isEqualTo("v1-1");
        assertThat(c.get(1, k -> "v" + k + "-" + loads.incrementAndGet())).as("kept").isEqualTo("v1-1");
        gen.incrementAndGet();
        assertThat(c.get(1, k -> "v" + k + "-" + loads.incrementAndGet())).as("dropped when the generation moved").isEqualTo("v1-2");
        for (int i = 100; i < 10_100; i++) {
            c.get(i, k -> "x");
            assertThat(c.size()).isLessThanOrEqualTo(100);
        }
        assertThat(c.hits()).isEqualTo(1);
    }

    @Test
    void aHotKeySurvivesAgingAndNothingIsKeptWhileChangesCannotBeFollowed() {
        AtomicLong gen = new AtomicLong(7);
        GenerationCache<Integer, String> c = new GenerationCache<>(gen::get, 10);
        c.get(-1, k -> "hot");
        for (int i = 0; i < 1000; i++) {
            c.get(i, k -> "cold");
            assertThat(c.get(-1, k -> "reloaded")).isEqualTo("hot");
        }
        gen.set(-1); // the feed is down
        AtomicInteger loads = new AtomicInteger();
        c.get(5, k -> "a" + loads.incrementAndGet());
        assertThat(c.get(5, k -> "a" + loads.incrementAndGet())).isEqualTo("a2");
    }

    @Test
    void aLoadDuringWhichTheGenerationMovedIsNotKept() {
        AtomicLong gen = new AtomicLong(1);
        GenerationCache<String, String> c = new GenerationCache<>(gen::get, 10);
        c.get("k", k -> {
            gen.incrementAndGet(); // a change committed while the answer was being read
            return "maybe stale";
        });
        assertThat(c.get("k", k -> "fresh")).isEqualTo("fresh");
        c.invalidate("k");
        assertThat(c.get("k", k -> "again")).isEqualTo("again");
    }
}
