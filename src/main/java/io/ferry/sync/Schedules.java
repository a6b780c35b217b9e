package io.ferry.sync;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.security.SecureRandom;
import java.time.ZonedDateTime;

/**
 * Cron schedules of sync plans: the five fields operators write in crontab ({@code 0 2 * * *}), or six with
 * seconds first ({@code 0 0 2 * * *}); the next run is the next match plus a random delay, so hundreds of
 * sites on one schedule do not reach their upstream at the same second.
 */
final class Schedules {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_TEXT = 200;

    private Schedules() {
    }

    static Cron parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw invalid(text, "is empty or too long");
        }
        String t = text.trim().replaceAll("\\s+", " ");
        try {
            return (t.split(" ").length == 6 ? SECONDS : UNIX).parse(t).validate();
        } catch (IllegalArgumentException e) {
            throw invalid(text, "is not a cron schedule (" + e.getMessage() + ")");
        }
    }

    static ZonedDateTime next(String cron, int randomDelaySeconds, ZonedDateTime after) {
        ZonedDateTime match = ExecutionTime.forCron(parse(cron)).nextExecution(after).orElseThrow(() -> invalid(cron,
                "never matches"));
        return randomDelaySeconds > 0 ? match.plusSeconds(RANDOM.nextInt(randomDelaySeconds + 1)) : match;
    }

    private static FerryException invalid(String text, String why) {
        return new FerryException(ErrorCode.VALIDATION_FAILED, "The schedule '" + text + "' " + why + ". Write five crontab fields "
                + "(minute hour day-of-month month day-of-week), e.g. --cron '0 2 * * *' for 02:00 daily.", "cron");
    }
}
