package io.ferry.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Request and response bodies of the token API. */
public final class TokenDtos {
    private TokenDtos() {
    }

    /** A new token; {@code expiresAt} defaults to 90 days from now and may be at most one year ahead. */
    public record CreateTokenRequest(@NotBlank @Size(max = 100) String name, OffsetDateTime expiresAt) {
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
