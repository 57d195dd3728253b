package org.waybill.messaging;

import org.waybill.platform.RetryLaterException;

import java.util.UUID;

/**
 * An earlier event of the same order is not done at this consumer yet (it failed and is being retried, or is still on
 * its way): this one waits (its delivery rolls back and is redelivered after the backoff) so the order's events are
 * processed in order ({@link DeliveryOrder}).
 */
public class WaitingForEarlierEventException extends RetryLaterException {
    private final UUID earlierEventId;
    private final long earlierSequence;

    public WaitingForEarlierEventException(String message, UUID earlierEventId, long earlierSequence) {
        super(message);
        this.earlierEventId = earlierEventId;
        this.earlierSequence = earlierSequence;
    }

    /** The earliest event of the order not done at this consumer yet: the one that holds the order there. */
    public UUID earlierEventId() {
        return earlierEventId;
    }

    public long earlierSequence() {
        return earlierSequence;
    }
}
