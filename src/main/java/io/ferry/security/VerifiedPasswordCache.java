package io.ferry.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers recently verified (user, password, stored hash) triples as SHA-256 digests, for 5 minutes. */
@ApplicationScoped
public class VerifiedPasswordCache {
    private static final long TTL_NANOS = 5L * 60 * 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;
    private final ConcurrentHashMap<String, Long> verified = new ConcurrentHashMap<>();

    boolean isVerified(String user, String password, String storedHash) {
        Long until = verified.get(key(user, password, storedHash));
        return until != null && until - System.nanoTime() > 0;
    }

    void remember(String user, String password, String storedHash) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key(user, password, storedHash), System.nanoTime() + TTL_NANOS);
    }

    private static String key(String user, String password, String storedHash) {
        return Secrets.sha256Hex(user + '\u0000' + password + '\u0000' + storedHash);
    }
}
