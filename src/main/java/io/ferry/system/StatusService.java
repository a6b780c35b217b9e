package io.ferry.system;

import io.ferry.common.BuildInfo;
import io.ferry.common.FerryConfig;
import io.ferry.embeddeddb.EmbeddedDatabase;
import io.quarkus.runtime.StartupEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;

@ApplicationScoped
public class StatusService {
    @Inject
    ServerIdentity identity;
    @Inject
    FerryConfig config;
    @Inject
    AgroalDataSource dataSource;

    private OffsetDateTime startedAt;

    void onStart(@Observes StartupEvent event) {
        startedAt = OffsetDateTime.now();
    }

    public StatusView status() {
        return new StatusView(config.serverName(), BuildInfo.get().version(), identity.serverId(), startedAt, database(),
                storage());
    }

    private StatusView.Database database() {
        String mode = EmbeddedDatabase.isActive() ? "embedded" : "external";
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            return new StatusView.Database(mode, md.getDatabaseProductName(), md.getDatabaseProductVersion(), true);
        } catch (SQLException e) {
            return new StatusView.Database(mode, "PostgreSQL", null, false);
        }
    }

    private StatusView.Storage storage() {
        Path dir = config.dataDir().toAbsolutePath().normalize();
        try {
            FileStore fs = Files.getFileStore(dir);
            return new StatusView.Storage(dir.toString(), fs.getUsableSpace(), fs.getTotalSpace());
        } catch (IOException e) {
            return new StatusView.Storage(dir.toString(), -1, -1);
        }
    }
}
