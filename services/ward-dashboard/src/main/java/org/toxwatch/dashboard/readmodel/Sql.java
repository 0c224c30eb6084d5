package org.toxwatch.dashboard.readmodel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.vertx.sqlclient.data.Numeric;

/** Conversions between our types and what the reactive PostgreSQL client binds and returns. */
public final class Sql {

    private Sql() {
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }
}
