package org.waybill.inventory;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;
import org.waybill.messaging.EventHandlers;

/**
 * Inventory's subscription: reserves stock for new orders, releases it when an order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.INVENTORY_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class InventoryConsumer extends EventConsumer<InventoryService> {
    @Inject
    InventoryService inventory;

    public InventoryConsumer() {
        super(InventoryService.HANDLERS, Destinations.INVENTORY_QUEUE);
    }

    @Override
    protected void handle(EventHandlers.Prepared<InventoryService> event) {
        inventory.apply(event);
    }
}
