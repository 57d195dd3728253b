package org.waybill.payment;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.events.EventEnvelope;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;

/**
 * Payment's subscription: charges once stock is reserved, refunds when the order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.PAYMENT_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class PaymentConsumer extends EventConsumer {
    @Inject
    PaymentService payments;

    @Override
    protected void handle(EventEnvelope event) {
        payments.apply(event);
    }
}
