package org.waybill.messaging;

import org.waybill.platform.RetryLaterException;
/**
 * An earlier event of the same order failed at this consumer and is being retried: this one waits (its delivery
 * rolls back and is redelivered after the backoff) so the order's events are processed in order.
 */
public class WaitingForEarlierEventException extends RetryLaterException {
    public WaitingForEarlierEventException(String message) {
        super(message);
    }
}
