package io.ferry.security;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepository<ApiTokenEntity> {
    public Optional<ApiTokenEntity> findByHash(String hash) {
        return find("from ApiTokenEntity t join fetch t.user where t.tokenHash = ?1", hash).firstResultOptional();
    }

    public List<ApiTokenEntity> listOf(long userId) {
        return list("user.id = ?1 order by createdAt desc", userId);
    }

    public Optional<ApiTokenEntity> findOwned(long userId, long tokenId) {
        return find("user.id = ?1 and id = ?2", userId, tokenId).firstResultOptional();
    }

    public boolean nameTaken(long userId, String name) {
        return count("user.id = ?1 and name = ?2", userId, name) > 0;
    }
}
