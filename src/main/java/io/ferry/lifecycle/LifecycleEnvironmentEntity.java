package io.ferry.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "lifecycle_environment")
public class LifecycleEnvironmentEntity {
    public static final String LIBRARY = "Library";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "organization_id")
    public long organizationId;
    public String label;
    public String name;
    public String description;
    @Column(name = "prior_id")
    public Long priorId;
    public boolean library;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
