package io.ferry.security;

import io.ferry.common.FerryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * On first start creates user {@code admin}: with FERRY_ADMIN_PASSWORD when set, otherwise with a
 * generated password written to {@code <data>/admin-password} (mode 0600). The log names the file,
 * never the password.
 */
@Singleton
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    public static final String ADMIN = "admin";

    @Inject
    UserRepository users;
    @Inject
    FerryConfig config;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (users.findByUsername(ADMIN).isPresent()) {
            return;
        }
        UserEntity admin = new UserEntity();
        admin.username = ADMIN;
        admin.admin = true;
        var configured = config.adminPassword().filter(pw -> !pw.isBlank());
        if (configured.isPresent()) {
            admin.passwordHash = PasswordHasher.hash(configured.get());
            users.persist(admin);
            LOG.info("Created user 'admin' with the password from FERRY_ADMIN_PASSWORD");
            return;
        }
        String password = Secrets.randomPassword();
        Path file = config.dataDir().toAbsolutePath().resolve("admin-password");
        writePrivate(file, password);
        admin.passwordHash = PasswordHasher.hash(password);
        users.persist(admin);
        LOG.infof("Created user 'admin' with a generated password, written to %s (mode 0600)", file);
    }

    static void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + "; check that the data directory is writable", e);
        }
    }
}
