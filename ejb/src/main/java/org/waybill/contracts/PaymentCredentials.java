package org.waybill.contracts;

import java.util.UUID;

/**
 * Port: hands an order's payment credential (the gateway's card token) to the payment area in the transaction that
 * places the order, so that the credential never travels in an event: {@code order.created} goes to every
 * subscriber and into the replayable history. Payment implements it and takes the credential when it learns of the
 * order.
 */
public interface PaymentCredentials {
    void hold(UUID orderId, String paymentToken);
}
