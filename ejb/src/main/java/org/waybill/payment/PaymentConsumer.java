package org.waybill.payment;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.messaging.Delivery;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

/**
 * Payment's subscription: charges once stock is reserved, refunds when the order is undone. Decodes and delegates; any exception rolls the transaction back and the broker redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.PAYMENT_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class PaymentConsumer implements MessageListener {
    @Inject
    PaymentService payments;

    @Inject
    Delivery delivery;

    @Override
    public void onMessage(Message message) {
        var event = EventMessages.decode(message);
        delivery.process(() -> payments.apply(event));
    }
}
