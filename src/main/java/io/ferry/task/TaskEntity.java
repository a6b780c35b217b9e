package io.ferry.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "task")
public class TaskEntity {
    @Id
    public UUID id;
    public String type;
    public String state;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> params;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> locks;
    public String step;
    @Column(name = "units_done")
    public long unitsDone;
    @Column(name = "units_total")
    public Long unitsTotal;
    @Column(name = "bytes_done")
    public long bytesDone;
    @Column(name = "bytes_total")
    public Long bytesTotal;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> error;
    @Column(name = "cancel_requested")
    public boolean cancelRequested;
    @Column(name = "created_by")
    public String createdBy;
    public String node;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public TaskState taskState() {
        return TaskState.of(state);
    }
}
