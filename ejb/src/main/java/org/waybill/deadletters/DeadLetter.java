package org.waybill.deadletters;

/**
 * A message parked in the dead-letter queue of {@code queue}, as operators see it. messageId names it (see
 * {@link DeadLetterId}); payload is its text body (null for another kind of body, which is kept as it came). reason
 * is the consumer's (for a message parked at once), or the broker's "delivery attempts exhausted" for one that kept
 * failing; retries counts how often an operator sent it back already.
 */
public record DeadLetter(String queue, String messageId, String eventId, String eventType, Integer eventVersion, String aggregateId,
                         String reason, String consumer, Integer attempts, String firstFailureAt, String lastFailureAt,
                         int retries, String payload) {

    /**
     * Whether an automatic re-drive may send it back: the broker dead-lettered it after the consumer kept failing
     * (a transient cause that may have passed), and it was not sent back {@code maxRetries} times already. A message
     * the consumer parked itself is unprocessable; only an operator decides about it.
     */
    public boolean redrivable(int maxRetries) {
        return consumer == null && retries < maxRetries;
    }
}
