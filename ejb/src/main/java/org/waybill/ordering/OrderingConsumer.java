package org.waybill.ordering;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.messaging.Delivery;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

/**
 * Ordering's subscription: every step's outcome moves the order's status. Decodes and delegates; any exception rolls the transaction back and the broker redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.ORDERING_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class OrderingConsumer implements MessageListener {
    @Inject
    OrderService orders;

    @Inject
    Delivery delivery;

    @Override
    public void onMessage(Message message) {
        var event = EventMessages.decode(message);
        delivery.process(() -> orders.apply(event));
    }
}
