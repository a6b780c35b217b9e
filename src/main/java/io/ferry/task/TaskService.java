package io.ferry.task;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.Page;
import io.ferry.common.Problem;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persists tasks and moves them through their states; every transition is one transaction. */
@ApplicationScoped
public class TaskService {
    @Inject
    TaskRepository tasks;
    @Inject
    EntityManager em;
    @Inject
    @Any
    Instance<TaskHandler> handlers;
    @Inject
    Event<TaskEvents.Submitted> submitted;
    @Inject
    Event<TaskFinished> finished;
    @Inject
    Event<TaskEvents.CancelRequested> cancelRequested;

    /**
     * Records a waiting task. {@code locks} name the resources it must hold alone while running
     * (e.g. {@code contentview:42}); a task waits while another running task holds any of them.
     */
    @Transactional
    public TaskView submit(String type, Map<String, Object> params, List<String> locks, String user) {
        handler(type);
        OffsetDateTime now = OffsetDateTime.now();
        TaskEntity t = new TaskEntity();
        t.id = UUID.randomUUID();
        t.type = type;
        t.state = TaskState.WAITING.dbValue();
        t.params = params == null ? Map.of() : params;
        t.locks = locks == null ? List.of() : List.copyOf(locks);
        t.createdBy = user;
        t.createdAt = now;
        t.updatedAt = now;
        tasks.persist(t);
        submitted.fire(new TaskEvents.Submitted(t.id));
        return TaskView.of(t);
    }

    @Transactional
    public TaskView get(UUID id) {
        return TaskView.of(find(id));
    }

    @Transactional
    public Page<TaskView> list(String state, String type, String owner, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (owner != null) {
            q.append(" and createdBy = :owner");
            p.and("owner", owner);
        }
        if (state != null && !state.isBlank()) {
            parseState(state);
            q.append(" and state = :state");
            p.and("state", state.toLowerCase(java.util.Locale.ROOT));
        }
        if (type != null && !type.isBlank()) {
            q.append(" and type = :type");
            p.and("type", type);
        }
        var query = tasks.find(q.toString(), Sort.descending("createdAt").and("id"), p);
        long total = query.count();
        List<TaskView> items = query.page(page, size).list().stream().map(TaskView::of).toList();
        return new Page<>(items, page, size, total);
    }

    @Transactional
    public TaskView cancel(UUID id) {
        TaskEntity t = find(id);
        TaskState s = t.taskState();
        if (s.finished()) {
            throw new FerryException(ErrorCode.TASK_NOT_CANCELABLE, "Task " + id + " already ended as '" + t.state
                    + "'; only waiting or running tasks can be canceled.", "id");
        }
        OffsetDateTime now = OffsetDateTime.now();
        t.cancelRequested = true;
        t.updatedAt = now;
        if (s == TaskState.WAITING) {
            t.state = TaskState.CANCELED.dbValue();
            t.finishedAt = now;
            t.error = problem(ErrorCode.TASK_CANCELED, "Canceled before it started.", id);
        } else {
            cancelRequested.fire(new TaskEvents.CancelRequested(id));
        }
        return TaskView.of(t);
    }

    /** Takes the oldest waiting task whose locks are free, marks it running and takes its locks. */
    @Transactional
    public Optional<Claim> claimNext(String node) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select id from task where state = 'waiting' order by created_at "
                + "limit 50 for update skip locked", UUID.class).getResultList();
        for (UUID id : ids) {
            TaskEntity t = tasks.findById(id);
            if (!t.locks.isEmpty()) {
                Number held = (Number) em.createNativeQuery("select count(*) from task_lock where resource in (:r)")
                        .setParameter("r", t.locks).getSingleResult();
                if (held.longValue() > 0) {
                    continue;
                }
                for (String r : t.locks) {
                    em.createNativeQuery("insert into task_lock(resource, task_id) values (?1, ?2)")
                            .setParameter(1, r).setParameter(2, id).executeUpdate();
                }
            }
            OffsetDateTime now = OffsetDateTime.now();
            t.state = TaskState.RUNNING.dbValue();
            t.startedAt = now;
            t.updatedAt = now;
            t.node = node;
            return Optional.of(new Claim(t.id, t.type, t.params, t.createdBy));
        }
        return Optional.empty();
    }

    /** Writes progress; answers whether a cancel was requested meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean saveProgress(UUID id, String step, long unitsDone, Long unitsTotal, long bytesDone, Long bytesTotal) {
        em.createQuery("update TaskEntity t set t.step = :step, t.unitsDone = :ud, t.unitsTotal = :ut, t.bytesDone = :bd, "
                        + "t.bytesTotal = :bt, t.updatedAt = :now where t.id = :id")
                .setParameter("step", step).setParameter("ud", unitsDone).setParameter("ut", unitsTotal)
                .setParameter("bd", bytesDone).setParameter("bt", bytesTotal).setParameter("now", OffsetDateTime.now())
                .setParameter("id", id).executeUpdate();
        return (Boolean) em.createQuery("select t.cancelRequested from TaskEntity t where t.id = :id")
                .setParameter("id", id).getSingleResult();
    }

    /** Ends a running task and releases its locks. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(UUID id, TaskState state, Map<String, Object> result, Map<String, Object> error) {
        TaskEntity t = find(id);
        OffsetDateTime now = OffsetDateTime.now();
        t.state = state.dbValue();
        if (state == TaskState.COMPLETED) {
            t.step = null; // a failed task keeps the step it failed in
        }
        t.result = result;
        t.error = error;
        t.finishedAt = now;
        t.updatedAt = now;
        em.createNativeQuery("delete from task_lock where task_id = ?1").setParameter(1, id).executeUpdate();
        finished.fire(new TaskFinished(t.id, t.type, t.createdBy, t.state, t.params, result, error));
    }

    /**
     * After a crash or restart nothing is running: tasks left 'running' are marked failed with
     * FERRY-TASK-004 (interrupted) and their locks released. Single-node assumption: with several
     * nodes this must be limited to tasks of nodes that are gone.
     */
    @Transactional
    public int markInterrupted() {
        List<TaskEntity> running = tasks.list("state", TaskState.RUNNING.dbValue());
        OffsetDateTime now = OffsetDateTime.now();
        for (TaskEntity t : running) {
            t.state = TaskState.FAILED.dbValue();
            t.finishedAt = now;
            t.updatedAt = now;
            t.error = problem(ErrorCode.TASK_INTERRUPTED, "The server stopped while this task was running (interrupted). "
                    + "Start the operation again.", t.id);
        }
        em.createNativeQuery("delete from task_lock").executeUpdate();
        return running.size();
    }

    TaskHandler handler(String type) {
        for (TaskHandler h : handlers) {
            if (h.type().equals(type)) {
                return h;
            }
        }
        throw new FerryException(ErrorCode.TASK_TYPE_UNKNOWN, "No task type '" + type + "' is known to this server.", "type");
    }

    private TaskEntity find(UUID id) {
        TaskEntity t = tasks.findById(id);
        if (t == null) {
            throw new FerryException(ErrorCode.TASK_NOT_FOUND, "No task with id " + id + ". List tasks with: ferry task list",
                    "id");
        }
        return t;
    }

    static TaskState parseState(String state) {
        try {
            return TaskState.of(state);
        } catch (IllegalArgumentException e) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "Unknown state '" + state
                    + "'; use waiting, running, completed, failed or canceled.", "state");
        }
    }

    static Map<String, Object> problem(ErrorCode code, String detail, UUID taskId) {
        return problem(new FerryException(code, detail).toProblem("/api/v1/tasks/" + taskId));
    }

    static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.type());
        m.put("title", p.title());
        m.put("status", p.status());
        m.put("detail", p.detail());
        m.put("instance", p.instance());
        m.put("code", p.code());
        if (p.field() != null) {
            m.put("field", p.field());
        }
        if (p.reference() != null) {
            m.put("reference", p.reference());
        }
        return m;
    }

    /** A task this node has taken to run. */
    public record Claim(UUID id, String type, Map<String, Object> params, String user) {
    }
}
