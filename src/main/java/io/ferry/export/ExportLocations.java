package io.ferry.export;

import io.ferry.common.AllowedRoots;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryConfig;
import io.ferry.common.FerryException;
import io.ferry.common.value.Label;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Every place on disk an export writes or removes. Default locations are {@code <root>/<org>/<scope>/<stamp>-<id>},
 * each segment a valid {@link Label} or, for a stored label that is not one, a fixed name with the entity's
 * id; and every location is proven, with symbolic links resolved, to lie below the export root or an allowed
 * root before a directory is created or a tree is removed.
 */
@ApplicationScoped
public class ExportLocations {
    private static final Logger LOG = Logger.getLogger(ExportLocations.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    @Inject
    ExportConfig config;
    @Inject
    FerryConfig ferry;

    /** A directory name from a label: the label when valid, else {@code <kind>-<id>} (never text from the label). */
    public static String segment(String label, String kind, long id) {
        return Label.isValid(label) ? label : kind + "-" + id;
    }

    /** Where the delta recipes of a running export are kept (removed when it ends). */
    public Path deltaDir(long exportId) {
        return root().resolve(".deltas-" + exportId);
    }

    public Path root() {
        return config.root().orElse(ferry.dataDir().resolve("exports")).toAbsolutePath().normalize();
    }

    /** Where a caller-given path must lie (real paths). */
    public List<Path> allowedRoots() {
        return AllowedRoots.real(config.allowedRoots().orElse(List.of(root())));
    }

    /** The export root and the allowed roots: where any recorded export location may be. */
    private List<Path> anyRoot() {
        List<Path> roots = new ArrayList<>(allowedRoots());
        roots.addAll(AllowedRoots.real(List.of(root())));
        return roots;
    }

    Path defaultLocation(ExportScope scope, long id) {
        return root().resolve(segment(scope.organizationLabel(), "organization", scope.organizationId())).resolve(scope.slug())
                .resolve(ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + id);
    }

    /**
     * Creates the parent directories of {@code dir} and then {@code dir} itself, after proving the location
     * lies below {@code explicit ? allowed roots : the export root}, and again after the parents exist (a link
     * swapped in meanwhile is caught before anything is written into it).
     */
    void createBelowRoot(Path dir, boolean explicit) throws IOException {
        List<Path> roots = explicit ? allowedRoots() : AllowedRoots.real(List.of(root()));
        requireInside(dir, roots);
        Files.createDirectories(dir.getParent());
        requireInside(dir, roots);
        Files.createDirectory(dir);
        requireInside(dir, roots);
    }

    private static void requireInside(Path p, List<Path> roots) {
        if (!AllowedRoots.inside(AllowedRoots.realOrNormal(p.toAbsolutePath().normalize()), roots)) {
            throw new FerryException(ErrorCode.EXPORT_PATH_NOT_ALLOWED, "The export location " + p + " does not lie below "
                    + roots + " once links are resolved, so nothing was written there. Choose a path below an allowed root "
                    + "(setting ferry.export.allowed-roots).", "path");
        }
    }

    /** Removes an export's tree; a recorded location outside every root is left alone (and logged). */
    void removeTree(Path location) {
        if (!Files.exists(location)) {
            return;
        }
        if (!AllowedRoots.inside(AllowedRoots.realOrNormal(location.toAbsolutePath().normalize()), anyRoot())) {
            LOG.warnf("Not removing %s: it is not below the export root or an allowed root", location);
            return;
        }
        try (Stream<Path> walk = Files.walk(location)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf(e, "could not remove export files %s", location);
        }
    }
}
