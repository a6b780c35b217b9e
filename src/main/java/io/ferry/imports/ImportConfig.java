package io.ferry.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Import settings (prefix {@code ferry.import}); documented in docs/configuration.md. */
@ConfigMapping(prefix = "ferry.import")
public interface ImportConfig {
    /** Where operators put bundles to import. Default: {@code <data-dir>/imports}. */
    Optional<Path> root();

    /** Directories an import path must lie in (after resolving symbolic links). Default: the import root only. */
    Optional<List<Path>> allowedRoots();

    /** Largest manifest accepted, in bytes. */
    @WithDefault("4294967296")
    long maxManifestBytes();

    /** Most units a bundle may list (over all repositories). */
    @WithDefault("20000000")
    long maxUnits();

    /** Most blobs a bundle may carry. */
    @WithDefault("20000000")
    long maxBlobs();

    /** Most repositories a bundle may list. */
    @WithDefault("10000")
    int maxRepositories();

    /** Most volumes a bundle may have. */
    @WithDefault("100000")
    int maxVolumes();

    /** Largest single blob accepted, in bytes. */
    @WithDefault("1099511627776")
    long maxBlobSize();
}
