package org.waybill.history;

import org.waybill.platform.SupportedInstants;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a replay sends: the events of one order ({@code orderId}), or those that occurred from {@code from}
 * (inclusive) to {@code to} (exclusive).
 */
public record ReplayRequest(UUID orderId, Instant from, Instant to) {

    /**
     * The request as it is stored and compared: refused unless it names an order or a valid range. Instants are
     * rounded up to the microsecond PostgreSQL keeps, which selects exactly the same events (they are stored in
     * microseconds too), so a retry compares equal to what was stored.
     */
    static ReplayRequest checked(ReplayRequest request) {
        if (request == null || (request.orderId() == null) == (request.from() == null && request.to() == null)) {
            throw new InvalidReplayException("give either orderId, or from and to");
        }
        if (request.orderId() != null) {
            return request;
        }
        if (request.from() == null || request.to() == null || !request.from().isBefore(request.to())) {
            throw new InvalidReplayException("a time range needs from before to");
        }
        if (!SupportedInstants.isSupported(request.from()) || !SupportedInstants.isSupported(request.to())) {
            throw new InvalidReplayException("from and to " + SupportedInstants.MESSAGE);
        }
        return new ReplayRequest(null, upToMicros(request.from()), upToMicros(request.to()));
    }

    /** The condition on event_history that selects the request's events, with {@link #parameters()}. */
    String condition() {
        return orderId != null ? "aggregate_id = :order" : "occurred_at >= :from AND occurred_at < :to";
    }

    Map<String, Object> parameters() {
        return orderId != null ? Map.of("order", orderId.toString()) : Map.of("from", from, "to", to);
    }

    boolean sameAs(ReplayRequest other) {
        return Objects.equals(orderId, other.orderId) && Objects.equals(from, other.from) && Objects.equals(to, other.to);
    }

    private static Instant upToMicros(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return down.equals(instant) ? instant : down.plus(1, ChronoUnit.MICROS);
    }
}
