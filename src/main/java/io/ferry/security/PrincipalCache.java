package io.ferry.security;

import io.ferry.changes.ChangeFeed;
import io.ferry.changes.GenerationCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who a request's credentials name, kept in memory so a request with credentials that did not change costs no database
 * round trip. Keys are HMAC-SHA256 digests under a key made at start (never a password or token); an answer is dropped
 * when any user, token or downstream certificate changes on any node ({@link ChangeFeed}) and is re-checked against
 * the database at least every minute anyway (which also moves a token's last use). Failed checks are never kept.
 */
@ApplicationScoped
public class PrincipalCache {
    private static final long MAX_AGE_NANOS = 60_000_000_000L;

    @Inject
    ChangeFeed feed;
    @Inject
    MeterRegistry registry;

    private final byte[] key = new byte[32];
    private GenerationCache<String, Entry> cache;

    /** A checked principal and until when it holds without a new check (a token's expiry, a certificate's end). */
    record Checked(Authenticator.Principal principal, long validUntilMillis) {
        static Checked forever(Authenticator.Principal p) {
            return new Checked(p, Long.MAX_VALUE);
        }
    }

    private record Entry(Checked checked, long checkedAt) {
    }

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(key);
        cache = new GenerationCache<>(feed::generation, 10_000);
        FunctionCounter.builder("ferry.auth.cache.hits", cache, GenerationCache::hits).description("Requests whose credentials "
                + "were known from memory (no database round trip)").register(registry);
        FunctionCounter.builder("ferry.auth.cache.misses", cache, GenerationCache::misses).description("Requests whose "
                + "credentials were checked against the database").register(registry);
    }

    /** The principal for these credentials ({@code kind} keeps Basic, Bearer and certificates apart). */
    Authenticator.Principal get(String kind, String credential, Supplier<Checked> check) {
        String k = kind + ':' + digest(credential);
        Entry e = cache.get(k, x -> new Entry(check.get(), System.nanoTime()));
        if (System.nanoTime() - e.checkedAt() > MAX_AGE_NANOS || System.currentTimeMillis() >= e.checked().validUntilMillis()) {
            cache.invalidate(k); // too old to trust, or expired: the database says (and a failure throws)
            e = cache.get(k, x -> new Entry(check.get(), System.nanoTime()));
        }
        return e.checked().principal();
    }

    /**
     * The principal an {@code Authorization} header names if it is known and fresh, else null (never a database
     * round trip: for the fast /content route, which leaves every other case to the request filter).
     */
    public Authenticator.Principal cached(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).trim();
        String k;
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            k = "B:" + digest(decoded.substring(0, colon) + '\u0000' + decoded.substring(colon + 1));
        } else if (scheme.equalsIgnoreCase("Bearer")) {
            k = "T:" + digest(value);
        } else {
            return null;
        }
        Entry e = cache.peek(k);
        if (e == null || System.nanoTime() - e.checkedAt() > MAX_AGE_NANOS
                || System.currentTimeMillis() >= e.checked().validUntilMillis()) {
            return null;
        }
        return e.checked().principal();
    }

    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private String digest(String credential) {
        return HexFormat.of().formatHex(macs.get().doFinal(credential.getBytes(StandardCharsets.UTF_8)));
    }
}
