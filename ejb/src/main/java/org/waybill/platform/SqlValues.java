package org.waybill.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values of native query results, whichever Java type the driver and Hibernate hand out for a column, and the
 * parameter PostgreSQL's driver takes for an instant.
 */
public final class SqlValues {
    private SqlValues() {
    }

    /** A timestamptz column. */
    public static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }

    /** A timestamptz parameter: the driver binds an {@code OffsetDateTime}, not an {@code Instant}. */
    public static OffsetDateTime timestamptz(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
