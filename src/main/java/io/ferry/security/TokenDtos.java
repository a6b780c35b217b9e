package io.ferry.security;

import io.ferry.common.value.Name;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.OffsetDateTime;

/** Request and response bodies of the token API. */
public final class TokenDtos {
    private TokenDtos() {
    }

    /** A new token; {@code expiresAt} defaults to 90 days from now and may be at most one year ahead. */
    public record CreateTokenRequest(@Schema(required = true, minLength = 1, maxLength = Name.MAX) String name,
                                     OffsetDateTime expiresAt) {
    }

    /** A token as listed: never the secret. */
    public record TokenView(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                            OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {
        static TokenView of(ApiTokenEntity t) {
            return new TokenView(t.id, t.name, t.prefix, t.createdAt, t.expiresAt, t.revokedAt, t.lastUsedAt);
        }
    }

    /** The answer to creating a token: the only time the secret is shown. */
    public record CreatedToken(long id, String name, String token, OffsetDateTime expiresAt) {
    }
}
