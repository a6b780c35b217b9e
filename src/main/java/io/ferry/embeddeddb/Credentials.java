package io.ferry.embeddeddb;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/** The embedded database's login, generated once and kept in a 0600 file beside the cluster. */
record Credentials(String user, String password) {

    static Credentials loadOrCreate(Path file, boolean clusterExists) throws IOException {
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            return new Credentials(p.getProperty("user", "ferry"), p.getProperty("password"));
        }
        if (clusterExists) {
            throw new EmbeddedPostgresException("The embedded database exists but its credentials file " + file
                    + " is missing. Restore the file, or remove " + file.getParent() + " to create a new, empty database.");
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        Credentials c = new Credentials("ferry", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties p = new Properties();
        p.setProperty("user", c.user());
        p.setProperty("password", c.password());
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "Ferry embedded PostgreSQL login (generated)");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return c;
    }
}
