package org.waybill.payment;

/** The gateway did not answer (timeout, outage): a transient failure, retried by redelivery. */
public class GatewayUnavailableException extends RuntimeException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
