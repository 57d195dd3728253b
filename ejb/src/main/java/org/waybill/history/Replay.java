package org.waybill.history;

import java.time.Instant;
import java.util.UUID;

/**
 * A replay as the API shows it: what it sends ({@code orderId}, or {@code from} and {@code to}), how far it got
 * ({@code sent} of {@code events}), to which topic, and why it failed if it did.
 */
public record Replay(UUID replayId, ReplayStatus status, UUID orderId, Instant from, Instant to, long events,
                     long sent, String destination, String requestedBy, Instant requestedAt, Instant updatedAt,
                     Instant finishedAt, String error) {
}
