package io.ferry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two start-up costs every test server pays that say nothing about the feature under test, shared within
 * one test JVM: the JVM's class loading (a CDS archive written by the first server of this JVM when it exits
 * normally, read by servers started after that), and unpacking the bundled PostgreSQL (later data
 * directories link to the tree the first server unpacked). The server tests keep the
 * fresh-machine path (ServerProcessIT starts without either shortcut for binaries).
 */
final class FastStart {
    private static final Path ARCHIVE = RunningServer.root().resolve("server-cds-" + ProcessHandle.current().pid() + ".jsa");
    private static boolean dumping;
    private static Path binaries;

    private FastStart() {
    }

    /** JVM options for the next server; pass them to {@link #started} with its process. */
    static synchronized List<String> jvmOptions() {
        if (dumping) {
            return List.of(); // the archive is being written: neither read it nor write a second one
        }
        if (Files.isRegularFile(ARCHIVE)) {
            return List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds*=off");
        }
        dumping = true;
        return List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Xlog:cds*=off"); // the dump lists skipped classes
    }

    static void started(Process process, List<String> options) {
        if (!options.isEmpty() && options.get(0).startsWith("-XX:ArchiveClassesAtExit")) {
            process.onExit().thenRun(FastStart::dumperExited);
        }
    }

    private static synchronized void dumperExited() {
        dumping = false; // a SIGKILLed dumper wrote nothing: the next server dumps instead
    }

    /** Links {@code dataDir}'s PostgreSQL binaries to those an earlier server unpacked, when there is one. */
    static synchronized void linkBinaries(Path dataDir) throws IOException {
        Path postgres = dataDir.resolve("postgres");
        if (binaries == null || Files.exists(postgres)) {
            return;
        }
        Files.createDirectories(postgres);
        Files.createSymbolicLink(postgres.resolve(binaries.getFileName()), binaries);
    }

    /** After a server is ready: its unpacked binaries become the ones later servers link to. */
    static synchronized void remember(Path dataDir) throws IOException {
        Path postgres = dataDir.resolve("postgres");
        if (binaries != null || !Files.isDirectory(postgres)) {
            return;
        }
        try (Stream<Path> s = Files.list(postgres)) {
            binaries = s.filter(p -> p.getFileName().toString().startsWith("pgsql-") && !Files.isSymbolicLink(p)
                    && Files.isExecutable(p.resolve("bin/postgres"))).findFirst().orElse(null);
        }
    }
}
