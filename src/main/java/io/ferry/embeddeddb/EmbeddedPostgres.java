package io.ferry.embeddeddb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server owned by Ferry, kept under {@code <data>/postgres}: the cluster is created
 * on first start, reused afterwards, and a server or pid file left behind by a crash is recovered.
 * It listens on 127.0.0.1 only, with a generated password (scram-sha-256).
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    public static final String DATABASE = "ferry";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Where and how to run; {@code port} 0 picks a free port; {@code binDir} null uses the bundled binaries. */
    public record Settings(Path baseDir, int port, Path binDir, String osUser) {
        public Settings {
            baseDir = baseDir.toAbsolutePath().normalize();
        }
    }

    /** How to reach the started server. */
    public record Connection(String jdbcUrl, String username, String password, int port) {
    }

    private final Settings settings;
    private final RunAs runAs;
    private final Path clusterDir;
    private final Path pgdata;
    private Path bin;
    private Connection connection;

    public EmbeddedPostgres(Settings settings) {
        this.settings = settings;
        this.runAs = RunAs.detect(settings.osUser());
        this.clusterDir = settings.baseDir().resolve("cluster");
        this.pgdata = clusterDir.resolve("pgdata");
    }

    public Path pgdata() {
        return pgdata;
    }

    public synchronized Connection start() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(clusterDir);
            runAs.own(clusterDir);
            bin = PostgresBinaries.resolve(settings.binDir(), settings.baseDir(), runAs);
            Credentials credentials = Credentials.loadOrCreate(settings.baseDir().resolve("credentials.properties"),
                    Files.exists(pgdata.resolve("PG_VERSION")));
            if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
                initdb(credentials);
            }
            recoverLeftovers();
            int port = settings.port() > 0 ? settings.port() : freePort();
            pgCtlStart(port);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
            ensureDatabase(port, credentials);
            connection = new Connection(url, credentials.user(), credentials.password(), port);
            LOG.infof("Embedded PostgreSQL ready on 127.0.0.1:%d (data %s%s) in %d ms", port, pgdata,
                    runAs.switchesUser() ? ", running as user " + runAs.user() : "", (System.nanoTime() - t0) / 1_000_000);
            return connection;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not prepare the embedded PostgreSQL under " + settings.baseDir()
                    + ": " + e.getMessage() + ". Check that the data directory is writable and has free space.", e);
        }
    }

    public synchronized void stop() {
        if (connection == null) {
            return;
        }
        ProcessResult r = pgCtl(List.of("stop", "-D", pgdata.toString(), "-m", "fast", "-w", "-t", "60"));
        if (r.exitCode() != 0) {
            LOG.warnf("pg_ctl stop answered %d: %s", r.exitCode(), r.output().strip());
        } else {
            LOG.info("Embedded PostgreSQL stopped");
        }
        connection = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void initdb(Credentials credentials) throws IOException {
        Path pwfile = clusterDir.resolve(".initdb-pw");
        Files.writeString(pwfile, credentials.password() + "\n", StandardCharsets.UTF_8);
        runAs.own(pwfile);
        try {
            List<String> cmd = List.of(bin.resolve("initdb").toString(), "-D", pgdata.toString(), "-U", credentials.user(),
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C");
            ProcessResult r = ProcessRunner.run(runAs.wrap(cmd), clusterDir, Duration.ofMinutes(5));
            if (r.exitCode() != 0) {
                PostgresBinaries.deleteTree(pgdata);
                throw new EmbeddedPostgresException("initdb failed (exit " + r.exitCode() + "): " + tail(r.output())
                        + " Fix the cause above and start Ferry again; nothing was kept.");
            }
            LOG.infof("Created a new PostgreSQL cluster in %s", pgdata);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** A server still running from a crashed Ferry is stopped; a pid file naming a dead process is removed. */
    private void recoverLeftovers() throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0).strip());
        Optional<ProcessHandle> handle = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        boolean postgresAlive = handle.filter(h -> isRunning(h.pid()))
                .flatMap(h -> h.info().command())
                .map(c -> c.contains("postgres") || c.contains("postmaster"))
                .orElse(false);
        if (postgresAlive) {
            LOG.warnf("PostgreSQL (pid %d) from an earlier run is still up on %s; stopping it before starting again", pid, pgdata);
            ProcessResult r = pgCtl(List.of("stop", "-D", pgdata.toString(), "-m", "fast", "-w", "-t", "60"));
            if (r.exitCode() != 0) {
                throw new EmbeddedPostgresException("A PostgreSQL from an earlier run (pid " + pid + ") holds " + pgdata
                        + " and did not stop: " + tail(r.output()) + " Stop it (kill " + pid + ") and start Ferry again.");
            }
        } else {
            LOG.warnf("Removing stale %s (pid %d is not running): the previous run did not shut down cleanly", pidFile, pid);
            Files.deleteIfExists(pidFile);
        }
    }

    private void pgCtlStart(int port) {
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=100";
        Path log = clusterDir.resolve("postgres.log");
        ProcessResult r = pgCtl(List.of("start", "-D", pgdata.toString(), "-l", log.toString(), "-o", options, "-w",
                "-t", String.valueOf(START_TIMEOUT.toSeconds())));
        if (r.exitCode() != 0) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL did not start (pg_ctl exit " + r.exitCode() + "): "
                    + tail(r.output()) + " Its log is " + log + "; the last lines: " + tailOfFile(log)
                    + " If the port is taken, set FERRY_EMBEDDED_DB_PORT to a free one.");
        }
    }

    private ProcessResult pgCtl(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve("pg_ctl").toString());
        cmd.addAll(args);
        return ProcessRunner.run(runAs.wrap(cmd), clusterDir, START_TIMEOUT.plusSeconds(30));
    }

    private static void ensureDatabase(int port, Credentials credentials) {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (java.sql.Connection c = DriverManager.getConnection(adminUrl, credentials.user(), credentials.password());
             var ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, DATABASE);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    try (var st = c.createStatement()) {
                        st.execute("create database " + DATABASE + " encoding 'UTF8'");
                    }
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Connected to the embedded PostgreSQL but could not prepare database '"
                    + DATABASE + "': " + e.getMessage() + ". If " + "credentials.properties was replaced, restore it or "
                    + "remove the whole embedded database directory to start afresh.", e);
        }
    }

    /** Alive and not a zombie (a daemon reparented to an init that does not reap stays a zombie). */
    public static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            return close > 0 && close + 2 < s.length() && s.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 800 ? "..." + t.substring(t.length() - 800) : t;
    }

    private static String tailOfFile(Path p) {
        try {
            List<String> lines = Files.readAllLines(p);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** For tests: open a plain JDBC connection. */
    public java.sql.Connection open() throws SQLException {
        return DriverManager.getConnection(connection.jdbcUrl(), connection.username(), connection.password());
    }
}
