package org.waybill.operations;

/**
 * One queue as the broker reports it.
 *
 * @param depth        messages in the queue, delivering ones included
 * @param added        messages added since the broker started
 * @param acknowledged messages consumed since the broker started
 * @param scheduled    messages waiting for a redelivery delay to pass
 * @param deadLetters  messages of this queue in its dead-letter queue
 */
public record QueueStats(String name, long depth, int consumers, long added, long acknowledged, long delivering,
                         long scheduled, long deadLetters) {
}
