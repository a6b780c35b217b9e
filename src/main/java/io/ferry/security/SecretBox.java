package io.ferry.security;

import io.ferry.common.FerryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials Ferry must give back to someone else (a bucket's secret key) are kept encrypted at rest: AES-256-GCM
 * under the server's secret key ({@code ferry.secrets.key-file}, default {@code DATA_DIR/secrets/secret.key},
 * created 0600 at first use). The {@code purpose} is authenticated with the text, so a value copied into another
 * row or column does not decrypt. Nodes sharing a database share this file.
 */
@ApplicationScoped
public class SecretBox {
    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    FerryConfig ferry;
    @Inject
    SecretsConfig config;

    private volatile SecretKey key;

    public String seal(String plain, String purpose) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, purpose);
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting a secret failed", e);
        }
    }

    public String open(String sealed, String purpose) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("a stored secret (" + purpose + ") is not in a known format");
        }
        byte[] raw = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            byte[] nonce = java.util.Arrays.copyOf(raw, 12);
            Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, purpose);
            return new String(c.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret (" + purpose + ") does not open with this server's secret key ("
                    + keyFile() + "); restore the key file the secret was stored with", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String purpose) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key(), new GCMParameterSpec(128, nonce));
        c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    Path keyFile() {
        return config.keyFile().orElse(ferry.dataDir().resolve("secrets").resolve("secret.key")).toAbsolutePath();
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = load(keyFile());
                }
                k = key;
            }
        }
        return k;
    }

    private static SecretKey load(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file).trim());
            if (raw.length != 32) {
                throw new IllegalStateException("the secret key file " + file + " does not hold a 256-bit key");
            }
            return new SecretKeySpec(raw, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the secret key file " + file + " failed", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Path tmp = Files.createTempFile(file.getParent(), ".secret", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
        try {
            Files.createLink(file, tmp); // atomic, and never replaces a key another process made first
        } catch (FileAlreadyExistsException e) {
            // theirs is the key
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
