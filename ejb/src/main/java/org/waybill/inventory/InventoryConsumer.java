package org.waybill.inventory;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.PaymentDeclined;
import org.waybill.contracts.ShipmentFailed;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventDelivery;
import org.waybill.messaging.Subscription;

/**
 * Inventory's subscription: reserves stock for new orders, releases it when an order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.INVENTORY_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class InventoryConsumer implements MessageListener {
    static final Subscription<InventoryService> SUBSCRIPTION = Subscription.<InventoryService>of(Destinations.INVENTORY, Destinations.INVENTORY_QUEUE)
            .on(OrderCreated.TYPE, OrderCreated.class, InventoryService::reserve)
            .on(PaymentDeclined.TYPE, PaymentDeclined.class, (s, e, p) -> s.release(e, p.orderId()))
            .on(ShipmentFailed.TYPE, ShipmentFailed.class, (s, e, p) -> s.release(e, p.orderId()))
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, (s, e, p) -> s.release(e, p.orderId()));

    @Inject
    EventDelivery delivery;

    @Inject
    InventoryService inventory;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(message, SUBSCRIPTION, inventory);
    }
}
