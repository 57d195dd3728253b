package org.waybill.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * An order held at a consumer while one of its events is being retried: which event, since when, how often it failed
 * and the last error.
 */
public record DeliveryHold(String consumer, UUID eventId, Instant since, int failures, String lastError) {
}
