package org.waybill.shipping;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.messaging.Delivery;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

/**
 * Shipping's subscription: schedules the shipment once the order is paid, cancels it when the order is undone. Decodes and delegates; any exception rolls the transaction back and the broker redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.SHIPPING_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class ShippingConsumer implements MessageListener {
    @Inject
    ShippingService shipping;

    @Inject
    Delivery delivery;

    @Override
    public void onMessage(Message message) {
        var event = EventMessages.decode(message);
        delivery.process(() -> shipping.apply(event));
    }
}
