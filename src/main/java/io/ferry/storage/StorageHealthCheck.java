package io.ferry.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the blob store is writable and has at least {@code ferry.storage.min-free-bytes} free. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    @Inject
    BlobStore store;
    @Inject
    io.ferry.common.FerryConfig config;

    @Override
    public HealthCheckResponse call() {
        long minFree = config.storage().minFreeBytes();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("storage").withData("path", store.root().toString());
        try {
            FileStore fs = Files.getFileStore(store.root());
            long free = fs.getUsableSpace();
            b.withData("freeBytes", free).withData("totalBytes", fs.getTotalSpace()).withData("minFreeBytes", minFree);
            Path probe = Files.createTempFile(store.root().resolve("tmp"), "health-", ".probe");
            Files.delete(probe);
            return b.status(free >= minFree).build();
        } catch (IOException e) {
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
