package org.waybill.platform;

import java.time.Instant;

/**
 * The instants a request may name (filters, replay ranges): years 0001 to 9999, as ISO-8601 writes them without a
 * sign. Java parses years up to ±999,999,999, which PostgreSQL's timestamptz cannot hold; such a value is a client's
 * mistake, refused before any query.
 */
public final class SupportedInstants {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String MESSAGE = "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private SupportedInstants() {
    }

    public static boolean isSupported(Instant instant) {
        return instant == null || (!instant.isBefore(MIN) && !instant.isAfter(MAX));
    }
}
