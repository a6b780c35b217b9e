package io.ferry.storage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/**
 * Blob store gauges at {@code /q/metrics}: blobs held, their bytes, and the bytes still free on the store's file system.
 * The store is walked once in the background at start and every six hours; blobs placed in between are added as they come.
 */
@ApplicationScoped
public class StoreMetrics {
    private static final Logger LOG = Logger.getLogger(StoreMetrics.class);

    @Inject
    BlobStore store;
    @Inject
    MeterRegistry registry;

    void onStart(@Observes StartupEvent event) {
        StoreUsage u = store.usage();
        Gauge.builder("ferry.blob.store.objects", u, StoreUsage::objects).description("Blobs held in the blob store (counted by a "
                + "walk at start and every 6 h, plus each blob stored since)").register(registry);
        Gauge.builder("ferry.blob.store.bytes", u, StoreUsage::bytes).description("Bytes of the blobs held in the blob store")
                .baseUnit("bytes").register(registry);
        Gauge.builder("ferry.blob.store.usable.bytes", store, StoreMetrics::usable).description("Bytes still usable on the file "
                + "system of the blob store").baseUnit("bytes").register(registry);
        Thread.ofVirtual().name("ferry-store-count").start(this::count);
    }

    @Scheduled(every = "6h", delayed = "6h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        long t0 = System.nanoTime();
        try {
            store.countUsage();
            LOG.debugf("Blob store holds %d blobs, %d bytes (counted in %d ms)", store.usage().objects(), store.usage().bytes(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not count the blob store at %s: %s", store.root(), e.getMessage());
        }
    }

    private static double usable(BlobStore s) {
        try {
            return Files.getFileStore(s.root()).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
