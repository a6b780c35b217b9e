package io.ferry.export;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Housekeeping of the export root: exports a stopped server left running are marked failed and their
 * partial output and delta recipes removed; exports past the retention settings are deleted (files and record).
 */
@ApplicationScoped
public class ExportRetention {
    private static final Logger LOG = Logger.getLogger(ExportRetention.class);

    @Inject
    ExportHistory history;
    @Inject
    ExportConfig config;
    @Inject
    ExportLocations locations;

    void onStart(@Observes StartupEvent e) {
        recover();
    }

    @Scheduled(every = "${ferry.export.retention.interval:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void housekeeping() {
        recover();
        enforce();
    }

    public int recover() {
        int n = 0;
        for (Object[] r : history.orphaned()) {
            if (r[1] != null) {
                Path target = Path.of((String) r[1]);
                locations.removeTree(target.resolveSibling(target.getFileName() + ".partial"));
            }
            locations.removeTree(locations.deltaDir((Long) r[0])); // its delta recipes
            history.fail((Long) r[0], "failed", "the server stopped while the export ran; its partial output was removed");
            n++;
        }
        return n;
    }

    /** Deletes what the retention settings let go; returns how many exports were removed. */
    public int enforce() {
        Integer keep = config.retention().keepLast().isPresent() ? config.retention().keepLast().getAsInt() : null;
        OffsetDateTime before = config.retention().maxAge().map(a -> OffsetDateTime.now().minus(a)).orElse(null);
        if (keep == null && before == null) {
            return 0;
        }
        int n = 0;
        for (Object[] r : history.expired(keep, before)) {
            if (r[1] != null) {
                locations.removeTree(Path.of((String) r[1]));
            }
            history.delete((Long) r[0]);
            LOG.infof("retention removed export %d (%s)", r[0], r[1]);
            n++;
        }
        return n;
    }
}
