package org.waybill.operations;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the broker kept refusing, set aside by the relay: which event, where it was going, how often and why
 * it was refused, and how many later events of its order wait behind it.
 */
public record SetAsideEvent(long outboxId, UUID eventId, String eventType, String orderId, String destination,
                            int attempts, String lastError, Instant setAsideAt, long waitingBehind) {
}
