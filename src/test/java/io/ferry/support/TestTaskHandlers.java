package io.ferry.support;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.task.TaskContext;
import io.ferry.task.TaskHandler;
import jakarta.inject.Singleton;
import java.util.Map;

/** Task types that exist only in tests, to exercise the task framework. */
public final class TestTaskHandlers {
    private TestTaskHandlers() {
    }

    /** Counts {@code units} units of {@code bytesPerUnit} bytes, sleeping {@code sleepMs} per unit, honouring cancel. */
    @Singleton
    public static class Steps implements TaskHandler {
        @Override
        public String type() {
            return "test.steps";
        }

        @Override
        public Map<String, Object> run(TaskContext ctx) throws InterruptedException {
            long units = ((Number) ctx.params().getOrDefault("units", 5)).longValue();
            long bytesPerUnit = ((Number) ctx.params().getOrDefault("bytesPerUnit", 1000)).longValue();
            long sleepMs = ((Number) ctx.params().getOrDefault("sleepMs", 20)).longValue();
            ctx.step("counting");
            ctx.totals(units, units * bytesPerUnit);
            for (long i = 0; i < units; i++) {
                ctx.checkCanceled();
                Thread.sleep(sleepMs);
                ctx.addUnits(1);
                ctx.addBytes(bytesPerUnit);
            }
            return Map.of("counted", units);
        }
    }

    /** Fails with a Ferry problem. */
    @Singleton
    public static class Fails implements TaskHandler {
        @Override
        public String type() {
            return "test.fails";
        }

        @Override
        public Map<String, Object> run(TaskContext ctx) {
            throw new FerryException(ErrorCode.BLOB_DIGEST_MISMATCH, "simulated checksum failure", "sha256");
        }
    }

    /** Fails with an unexpected exception. */
    @Singleton
    public static class Crashes implements TaskHandler {
        @Override
        public String type() {
            return "test.crashes";
        }

        @Override
        public Map<String, Object> run(TaskContext ctx) {
            throw new IllegalStateException("simulated bug");
        }
    }
}
