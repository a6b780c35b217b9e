package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A walkthrough of the docs taken verbatim: the ```bash block between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->}, run by bash in a fresh directory with {@code ferry} (this build of the CLI) on the PATH.
 */
final class Walkthrough {
    record Ran(int exit, String out, Path dir) {
    }

    private static final Path CDS_ARCHIVE = RunningServer.root().resolve("cli-cds-" + ProcessHandle.current().pid() + ".jsa");
    private static String jars;

    private Walkthrough() {
    }

    /**
     * The CLI's class path with its classes directory packed into a jar (the walkthroughs run the CLI as built
     * here, before Maven's package phase) and the test classes left out (a directory would disable the archive).
     */
    static synchronized String cliJars() throws java.io.IOException {
        if (jars != null) {
            return jars;
        }
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (!Files.isDirectory(p)) {
                entries.add(e);
            } else if (p.getFileName().toString().equals("classes")) {
                entries.add(0, jar(p, RunningServer.root().resolve("cli-classes-" + ProcessHandle.current().pid() + ".jar")).toString());
            }
        }
        jars = String.join(java.io.File.pathSeparator, entries);
        return jars;
    }

    private static Path jar(Path classes, Path jar) throws java.io.IOException {
        Files.createDirectories(jar.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var walk = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    static String block(String doc, String name) throws Exception {
        Path file = Path.of("..", "docs", doc);
        String text = Files.readString(file);
        int start = text.indexOf("<!-- " + name + ":start -->");
        int end = text.indexOf("<!-- " + name + ":end -->");
        assertThat(start).as(name + " markers in " + file).isPositive();
        String block = text.substring(start, end);
        return block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
    }

    /** Runs {@code script} with {@code env} (server URLs and passwords); fails if it takes more than {@code minutes}. */
    static Ran run(String name, String script, Map<String, String> env, int minutes) throws Exception {
        Path work = Files.createTempDirectory(RunningServer.root(), name + "-");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path ferry = bin.resolve("ferry");
        // start-up dominates a walkthrough (one JVM per command): the client compiler only, and a class-data archive
        // as bin/ferry keeps (written by the first command, mapped by the rest; it covers jars only, hence cliJars)
        Files.writeString(ferry, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive '-XX:SharedArchiveFile=" + CDS_ARCHIVE
                + "' -Xlog:cds*=off -cp '" + cliJars() + "' io.ferry.cli.FerryCli \"$@\"\n");
        Files.setPosixFilePermissions(ferry, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(work.resolve(name + ".sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        pb.environment().remove("FERRY_CONFIG");
        pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).as(name + " finished in time").isTrue();
        return new Ran(p.exitValue(), out, work);
    }
}
