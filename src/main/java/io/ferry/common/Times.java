package io.ferry.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Timestamps as native queries return them (driver-dependent types) turned into OffsetDateTime. */
public final class Times {
    private Times() {
    }

    public static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime odt) {
            return odt;
        }
        if (o instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return o instanceof java.sql.Timestamp ts ? ts.toInstant().atOffset(ZoneOffset.UTC) : null;
    }
}
