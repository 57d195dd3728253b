package org.waybill.inventory;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.messaging.Delivery;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

/**
 * Inventory's subscription: reserves stock for new orders, releases it when an order is undone. Decodes and delegates; any exception rolls the transaction back and the broker redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.INVENTORY_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class InventoryConsumer implements MessageListener {
    @Inject
    InventoryService inventory;

    @Inject
    Delivery delivery;

    @Override
    public void onMessage(Message message) {
        var event = EventMessages.decode(message);
        delivery.process(() -> inventory.apply(event));
    }
}
