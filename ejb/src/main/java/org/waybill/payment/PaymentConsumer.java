package org.waybill.payment;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;
import org.waybill.messaging.EventHandlers;

/**
 * Payment's subscription: charges once stock is reserved, refunds when the order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.PAYMENT_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class PaymentConsumer extends EventConsumer<PaymentService> {
    @Inject
    PaymentService payments;

    public PaymentConsumer() {
        super(PaymentService.HANDLERS, Destinations.PAYMENT_QUEUE);
    }

    @Override
    protected void handle(EventHandlers.Prepared<PaymentService> event) {
        payments.apply(event);
    }
}
