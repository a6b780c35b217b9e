package io.ferry.security;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;

/** Personal API tokens: created for the calling user, listed without secrets, revoked. */
@ApplicationScoped
public class TokenService {
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 366;

    @Inject
    ApiTokenRepository tokens;
    @Inject
    UserRepository users;

    @Transactional
    public TokenDtos.CreatedToken create(long userId, TokenDtos.CreateTokenRequest req) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime expires = req.expiresAt() == null ? now.plusDays(DEFAULT_DAYS) : req.expiresAt();
        if (!expires.isAfter(now)) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "expiresAt must be in the future.", "expiresAt");
        }
        if (expires.isAfter(now.plusDays(MAX_DAYS))) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "expiresAt may be at most " + MAX_DAYS
                    + " days ahead; create a new token when this one expires.", "expiresAt");
        }
        String name = io.ferry.common.value.Name.of(req.name(), "name").value();
        if (tokens.nameTaken(userId, name)) {
            throw new FerryException(ErrorCode.CONFLICT, "You already have a token named '" + req.name()
                    + "'. Choose another name or revoke the old token.", "name");
        }
        String secret = Secrets.randomToken();
        ApiTokenEntity t = new ApiTokenEntity();
        t.user = users.findById(userId);
        t.name = name;
        t.tokenHash = Secrets.sha256Hex(secret);
        t.prefix = secret.substring(0, Secrets.TOKEN_PREFIX.length() + 6);
        t.createdAt = now;
        t.expiresAt = expires;
        tokens.persist(t);
        return new TokenDtos.CreatedToken(t.id, t.name, secret, t.expiresAt);
    }

    @Transactional
    public List<TokenDtos.TokenView> list(long userId) {
        return tokens.listOf(userId).stream().map(TokenDtos.TokenView::of).toList();
    }

    @Transactional
    public TokenDtos.TokenView revoke(long userId, long tokenId) {
        ApiTokenEntity t = tokens.findOwned(userId, tokenId).orElseThrow(() -> new FerryException(ErrorCode.NOT_FOUND,
                "You have no token with id " + tokenId + ". List yours with GET /api/v1/tokens.", "id"));
        if (t.revokedAt == null) {
            t.revokedAt = OffsetDateTime.now();
        }
        return TokenDtos.TokenView.of(t);
    }
}
