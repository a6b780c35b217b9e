package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * Checks HTTP Basic credentials and Bearer tokens against the database. Successful password checks
 * are remembered for a few minutes (keyed by a digest of the password and the stored hash, so a
 * password change invalidates them) because Argon2id is deliberately slow.
 */
@ApplicationScoped
public class Authenticator {
    static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Basic realm=\"ferry\", Bearer realm=\"ferry\"");
    private static final String DUMMY_HASH = PasswordHasher.hash("timing-equaliser");

    /** Result of authentication. */
    public record Principal(long userId, String username, Set<Permission> permissions, Long tokenId, RequestScope scope) {
    }

    @Inject
    UserRepository users;
    @Inject
    ApiTokenRepository tokens;
    @Inject
    PermissionResolver permissions;
    @Inject
    VerifiedPasswordCache cache;

    @Inject
    jakarta.enterprise.inject.Instance<SubscriberAuthenticator> subscribers;

    @Transactional
    public Principal basic(String username, String password) {
        if (subscribers.isResolvable() && subscribers.get().claims(username)) {
            return subscribers.get().authenticate(username, password);
        }
        UserEntity user = users.findByUsername(username).orElse(null);
        if (user == null) {
            PasswordHasher.verify(password, DUMMY_HASH);
            throw badCredentials();
        }
        if (!cache.isVerified(username, password, user.passwordHash)) {
            if (!PasswordHasher.verify(password, user.passwordHash)) {
                throw badCredentials();
            }
            cache.remember(username, password, user.passwordHash);
        }
        if (!user.enabled) {
            throw badCredentials();
        }
        PermissionResolver.Resolved r = permissions.resolve(user);
        return new Principal(user.id, user.username, r.permissions(), null, r.scope());
    }

    @Transactional
    public Principal bearer(String token) {
        return bearerChecked(token).principal();
    }

    /** The token's principal and its expiry: until then (or a change) the answer may be reused. */
    @Transactional
    public PrincipalCache.Checked bearerChecked(String token) {
        ApiTokenEntity t = tokens.findByHash(Secrets.sha256Hex(token)).orElseThrow(Authenticator::badCredentials);
        OffsetDateTime now = OffsetDateTime.now();
        if (t.revokedAt != null) {
            throw new FerryException(ErrorCode.TOKEN_REVOKED, "This API token was revoked at " + t.revokedAt
                    + ". Log in again (ferry login) or create a new token (POST /api/v1/tokens).", "Authorization", null, CHALLENGE);
        }
        if (!t.expiresAt.isAfter(now)) {
            throw new FerryException(ErrorCode.TOKEN_EXPIRED, "This API token expired at " + t.expiresAt
                    + ". Log in again (ferry login) or create a new token (POST /api/v1/tokens).", "Authorization", null, CHALLENGE);
        }
        if (!t.user.enabled) {
            throw badCredentials();
        }
        if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minusMinutes(1))) {
            t.lastUsedAt = now;
        }
        PermissionResolver.Resolved r = permissions.resolve(t.user);
        return new PrincipalCache.Checked(new Principal(t.user.id, t.user.username, r.permissions(), t.id, r.scope()),
                t.expiresAt.toInstant().toEpochMilli());
    }

    public static FerryException badCredentials() {
        return new FerryException(ErrorCode.BAD_CREDENTIALS,
                "Wrong username, password or token. Check them; an administrator can reset a password or issue a token.",
                "Authorization", null, CHALLENGE);
    }
}
