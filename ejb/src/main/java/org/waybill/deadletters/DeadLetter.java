package org.waybill.deadletters;

/**
 * A message parked in a dead-letter queue, as operators see it. reason is the consumer's (for a message parked at
 * once), or the broker's "delivery attempts exhausted" for one that kept failing; retries counts how often an
 * operator sent it back already.
 */
public record DeadLetter(String messageId, String eventId, String eventType, Integer eventVersion, String aggregateId,
                         String reason, String consumer, Integer attempts, String firstFailureAt, String lastFailureAt,
                         int retries, String payload) {
}
