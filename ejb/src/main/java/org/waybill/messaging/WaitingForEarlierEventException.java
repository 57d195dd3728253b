package org.waybill.messaging;

import jakarta.ejb.ApplicationException;

/**
 * An earlier event of the same order failed at this consumer and is being retried: this one waits (its delivery
 * rolls back and is redelivered after the backoff) so the order's events are processed in order.
 */
@ApplicationException(rollback = true)
public class WaitingForEarlierEventException extends RuntimeException {
    public WaitingForEarlierEventException(String message) {
        super(message);
    }
}
