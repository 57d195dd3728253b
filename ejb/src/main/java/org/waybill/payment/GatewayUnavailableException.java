package org.waybill.payment;

import jakarta.ejb.ApplicationException;

/**
 * The gateway did not answer (timeout, outage): a transient failure. The step's transaction rolls back and the broker
 * redelivers the event after its backoff; the payment service logs it once per attempt, without a stack trace.
 */
@ApplicationException(rollback = true)
public class GatewayUnavailableException extends RuntimeException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
