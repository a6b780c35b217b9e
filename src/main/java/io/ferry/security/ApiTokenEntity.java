package io.ferry.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "api_token")
public class ApiTokenEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public UserEntity user;
    public String name;
    @Column(name = "token_hash")
    public String tokenHash;
    public String prefix;
    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;
}
