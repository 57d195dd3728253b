package org.waybill.messaging;

import org.waybill.platform.RetryLaterException;

/**
 * An earlier event of the same order is not done at this consumer yet (it failed and is being retried, or is still on
 * its way): this one waits (its delivery rolls back and is redelivered after the backoff) so the order's events are
 * processed in order ({@link DeliveryOrder}).
 */
public class WaitingForEarlierEventException extends RetryLaterException {
    public WaitingForEarlierEventException(String message) {
        super(message);
    }
}
