package io.ferry.task;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs tasks on a fixed pool of {@code ferry.tasks.workers} threads. One dispatcher thread claims
 * waiting tasks from the database when a task is submitted or finishes, and every poll interval.
 * At start, tasks left running by a previous process are marked interrupted; at shutdown, running
 * tasks are asked to stop and end as interrupted.
 */
@Singleton
public class TaskExecutor {
    private static final Logger LOG = Logger.getLogger(TaskExecutor.class);

    @Inject
    TaskService service;
    @Inject
    TasksConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    io.ferry.system.Metrics ferryMetrics;
    @Inject
    io.ferry.changes.ChangeFeed changes;

    private final Map<UUID, TaskContext> running = new ConcurrentHashMap<>();
    private final AtomicInteger runningCount = new AtomicInteger();
    private final String node = nodeName();
    private ExecutorService workers;
    private ScheduledExecutorService dispatcher;
    private Semaphore slots;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        int interrupted = service.markInterrupted();
        if (interrupted > 0) {
            LOG.warnf("Marked %d task(s) left running by the previous run as failed (interrupted)", interrupted);
        }
        slots = new Semaphore(config.workers());
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), r -> new Thread(r, "ferry-task-" + n.incrementAndGet()));
        dispatcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ferry-task-dispatcher"));
        long poll = config.pollInterval().toMillis();
        dispatcher.scheduleWithFixedDelay(this::dispatch, poll, poll, TimeUnit.MILLISECONDS);
        io.micrometer.core.instrument.Gauge.builder("ferry.tasks.running", runningCount, AtomicInteger::get)
                .description("Tasks running now on this node").register(metrics);
        LOG.infof("Task executor started with %d worker(s) on node %s", config.workers(), node);
    }

    void onSubmitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskEvents.Submitted event) {
        wake();
    }

    void onCancel(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskEvents.CancelRequested event) {
        TaskContext ctx = running.get(event.id());
        if (ctx != null) {
            ctx.requestCancel();
        }
    }

    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        stopping = true;
        if (dispatcher == null) {
            return;
        }
        dispatcher.shutdownNow();
        running.values().forEach(TaskContext::shutdown);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warnf("%d task(s) did not stop within 20 s; they will be marked interrupted at next start", running.size());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        if (dispatcher != null && !stopping) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // shutting down
            }
        }
    }

    private void dispatch() {
        try {
            while (!stopping && slots.tryAcquire()) {
                Optional<TaskService.Claim> claim = service.claimNext(node);
                if (claim.isEmpty()) {
                    slots.release();
                    return;
                }
                TaskService.Claim c = claim.get();
                TaskContext ctx = new TaskContext(c.id(), c.params(), c.user(), service, config.progressInterval().toNanos());
                running.put(c.id(), ctx);
                runningCount.incrementAndGet();
                workers.execute(() -> execute(c, ctx));
            }
        } catch (RuntimeException e) {
            LOG.error("Task dispatch failed; retrying at the next poll", e);
        }
    }

    private void execute(TaskService.Claim claim, TaskContext ctx) {
        long t0 = System.nanoTime();
        TaskState outcome = TaskState.FAILED;
        try {
            LOG.infof("Task %s (%s) started by %s", claim.id(), claim.type(), claim.user());
            Map<String, Object> result;
            try {
                result = service.handler(claim.type()).run(ctx);
            } finally {
                changes.changed(); // before the task reads as ended: its caller may fetch what it made at once
            }
            ctx.flush();
            outcome = TaskState.COMPLETED;
            service.finish(claim.id(), outcome, result, null);
        } catch (TaskCanceledException e) {
            if (ctx.shuttingDown() && !ctx.cancelRequested()) {
                service.finish(claim.id(), TaskState.FAILED, null, TaskService.problem(ErrorCode.TASK_INTERRUPTED,
                        "The server shut down while this task was running (interrupted). Start the operation again.", claim.id()));
            } else {
                outcome = TaskState.CANCELED;
                service.finish(claim.id(), outcome, null, TaskService.problem(ErrorCode.TASK_CANCELED,
                        "Canceled on request while running.", claim.id()));
            }
        } catch (FerryException e) {
            service.finish(claim.id(), TaskState.FAILED, null, TaskService.problem(e.toProblem("/api/v1/tasks/" + claim.id())));
        } catch (Throwable e) {
            String ref = UUID.randomUUID().toString();
            LOG.errorf(e, "Task %s (%s) failed unexpectedly (reference %s)", claim.id(), claim.type(), ref);
            FerryException fe = new FerryException(ErrorCode.INTERNAL, "The task failed unexpectedly: " + e
                    + ". Quote the reference to the administrator; the server log has the details.");
            service.finish(claim.id(), TaskState.FAILED, null,
                    TaskService.problem(fe.toProblem("/api/v1/tasks/" + claim.id()).withReference(ref)));
        } finally {
            running.remove(claim.id());
            runningCount.decrementAndGet();
            slots.release();
            ferryMetrics.taskEnded(claim.type(), outcome.dbValue(), java.time.Duration.ofNanos(System.nanoTime() - t0));
            LOG.infof("Task %s (%s) ended as %s after %d ms", claim.id(), claim.type(), outcome.dbValue(),
                    (System.nanoTime() - t0) / 1_000_000);
            wake();
        }
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (java.io.IOException e) {
            return "node/" + ProcessHandle.current().pid();
        }
    }
}
