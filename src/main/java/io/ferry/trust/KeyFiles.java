package io.ferry.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Certificate and key files for the other features (TLS, enrollment): keys are written 0600, certificates 0644. */
public final class KeyFiles {
    private KeyFiles() {
    }

    public static List<X509Certificate> certificates(Path file) throws IOException {
        return Pem.certificates(Files.readString(file), file.toString());
    }

    public static PrivateKey privateKey(Path file) throws IOException {
        return Pem.privateKey(file);
    }

    public static void write(Path file, PrivateKey key) throws IOException {
        Pem.write(file, Pem.of(key), "rw-------");
    }

    public static void write(Path file, List<X509Certificate> chain) throws IOException {
        StringBuilder b = new StringBuilder();
        chain.forEach(c -> b.append(Pem.of(c)));
        Pem.write(file, b.toString(), "rw-r--r--");
    }
}
