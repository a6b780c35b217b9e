package io.ferry.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A content repository (named Repo in code to keep "Repository" for persistence classes). */
@Entity
@Table(name = "repository")
public class RepoEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "product_id")
    public long productId;
    public String label;
    public String name;
    public String description;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "latest_version")
    public int latestVersion;
    @Column(name = "remote_url")
    public String remoteUrl;
    @Column(name = "remote_ca_cert")
    public String remoteCaCert;
    @Column(name = "remote_client_cert")
    public String remoteClientCert;
    @Column(name = "remote_client_key")
    public String remoteClientKey;
    @Column(name = "remote_username")
    public String remoteUsername;
    @Column(name = "remote_password")
    public String remotePassword;
    @Column(name = "remote_tls_verify")
    public boolean remoteTlsVerify = true;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt = OffsetDateTime.now();
}
