package io.ferry.embeddeddb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * How PostgreSQL processes are launched. PostgreSQL refuses to run as root, so when Ferry runs as
 * root they run as an unprivileged user (default {@code nobody}) through {@code setpriv}, keeping
 * only CAP_DAC_READ_SEARCH so that a data directory below a root-only path (such as /root) is still
 * reachable. As a normal user they run as that user.
 */
public final class RunAs {
    private final String user;
    private final String group;

    private RunAs(String user, String group) {
        this.user = user;
        this.group = group;
    }

    public static RunAs detect(String unprivilegedUser) {
        if (!isRoot()) {
            return new RunAs(null, null);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv")) && !Files.isExecutable(Path.of("/bin/setpriv"))) {
            throw new EmbeddedPostgresException("Ferry runs as root and must start PostgreSQL as user '" + unprivilegedUser
                    + "', but setpriv (util-linux) is missing. Install util-linux, run Ferry as a normal user, "
                    + "or configure an external PostgreSQL with QUARKUS_DATASOURCE_JDBC_URL.");
        }
        return new RunAs(unprivilegedUser, primaryGroupOf(unprivilegedUser));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || uid() == 0;
    }

    private static long uid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ((Number) uid).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String primaryGroupOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    for (String g : Files.readAllLines(Path.of("/etc/group"))) {
                        String[] gf = g.split(":");
                        if (gf.length > 2 && gf[2].equals(f[3])) {
                            return gf[0];
                        }
                    }
                    return f[3];
                }
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot read /etc/passwd to look up user '" + user + "': " + e.getMessage());
        }
        throw new EmbeddedPostgresException("User '" + user + "' does not exist. PostgreSQL cannot run as root; create the user "
                + "or set FERRY_EMBEDDED_DB_USER to an existing unprivileged user.");
    }

    public boolean switchesUser() {
        return user != null;
    }

    public String user() {
        return user;
    }

    /** The command line that runs {@code command} as the database user. */
    public List<String> wrap(List<String> command) {
        if (user == null) {
            return command;
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups",
                "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search", "--"));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Whether the database user can reach {@code dir} through ordinary permissions. PostgreSQL checks
     * its own binaries with access(2), which ignores the ambient capability, so binaries must live on
     * such a path even though the cluster itself may sit below a root-only directory.
     */
    public boolean canTraverse(Path dir) {
        if (user == null) {
            return true;
        }
        try {
            for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (!Files.exists(p)) {
                    continue;
                }
                var attrs = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class);
                var perms = attrs.permissions();
                boolean ok;
                if (attrs.owner().getName().equals(user)) {
                    ok = perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
                } else if (attrs.group().getName().equals(group)) {
                    ok = perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                } else {
                    ok = perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                }
                if (!ok) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Gives a directory (not recursively) to the database user. */
    public void own(Path dir) throws IOException {
        if (user == null) {
            return;
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal grp = lookup.lookupPrincipalByGroupName(group);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(grp);
    }
}
