package org.waybill.messaging;

import jakarta.ejb.ApplicationException;
import org.waybill.events.UnprocessableEventException;

/**
 * A route's {@link Subscription.Refusal}: found before the step wrote anything. It leaves the bean without marking
 * the transaction for rollback, because in the XA mode that transaction must still commit the parked copy with the
 * acknowledgement.
 */
@ApplicationException(rollback = false)
public class RefusedEventException extends UnprocessableEventException {
    public RefusedEventException(String reason) {
        super(reason);
    }
}
