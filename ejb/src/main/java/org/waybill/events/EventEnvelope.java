package org.waybill.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as it travels: its identity and context around a JSON payload.
 *
 * @param eventId       unique per event; the broker's duplicate-detection id and the inbox key
 * @param aggregateId   the entity whose state changed; all workflow events belong to an order
 * @param correlationId the business flow the event belongs to (the order id)
 * @param causationId   the event that caused this one, or null for one caused by a user
 */
public record EventEnvelope(UUID eventId, EventType type, String aggregateType, String aggregateId,
                            Instant occurredAt, String correlationId, UUID causationId, String payload) {
}
