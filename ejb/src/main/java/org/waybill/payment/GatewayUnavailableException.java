package org.waybill.payment;

import org.waybill.platform.RetryLaterException;

/** The gateway did not answer (timeout, outage): the charge or refund is retried after the event's backoff. */
public class GatewayUnavailableException extends RetryLaterException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
