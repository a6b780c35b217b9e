package io.ferry.storage;

import io.ferry.common.FerryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Makes the server's one blob store, under {@code <data>/blobs}, and cleans its stale temp files at start. */
@ApplicationScoped
public class BlobStoreProducer {
    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);

    @Produces
    @Singleton
    BlobStore blobStore(FerryConfig config, io.ferry.delta.DeltaConfig delta) {
        return new BlobStore(config.dataDir().resolve("blobs"), delta.enabled() ? Math.max(0, delta.minBlobSize()) : -1);
    }

    void onStart(@Observes StartupEvent event, BlobStore store) {
        int removed = store.cleanTemp(Duration.ofHours(24));
        if (removed > 0) {
            LOG.infof("Removed %d stale temp files from %s", removed, store.root().resolve("tmp"));
        }
    }
}
