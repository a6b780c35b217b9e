package io.ferry.support;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.function.Predicate;

/** Waiting for tasks through the API. */
public final class Tasks {
    private Tasks() {
    }

    public static JsonPath await(String location, Predicate<JsonPath> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = Api.asAdmin().get(location).then().statusCode(200).extract().jsonPath();
            if (condition.test(last)) {
                return last;
            }
            sleep(25);
        }
        throw new AssertionError("condition not met for " + location + "; last state: " + (last == null ? null : last.prettify()));
    }

    /** Waits until the task has ended, whatever the outcome. */
    public static JsonPath awaitEnd(String location) {
        return await(location, t -> !"waiting".equals(t.getString("state")) && !"running".equals(t.getString("state")));
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
