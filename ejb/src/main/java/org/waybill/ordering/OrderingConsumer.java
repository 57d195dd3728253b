package org.waybill.ordering;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.contracts.InventoryRejected;
import org.waybill.contracts.InventoryReleased;
import org.waybill.contracts.InventoryReserved;
import org.waybill.contracts.NotificationFailed;
import org.waybill.contracts.NotificationSent;
import org.waybill.contracts.OrderEvent;
import org.waybill.contracts.PaymentCharged;
import org.waybill.contracts.PaymentDeclined;
import org.waybill.contracts.PaymentRefunded;
import org.waybill.contracts.ShipmentCancelled;
import org.waybill.contracts.ShipmentFailed;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventDelivery;
import org.waybill.messaging.Subscription;

/**
 * Ordering's subscription: every step's outcome moves the order's status (OrderProgress).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.ORDERING_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class OrderingConsumer implements MessageListener {
    private static final Subscription.Refusal<OrderProgress, OrderEvent> UNKNOWN_ORDER =
            (s, p) -> s.unknownOrder(p.orderId());
    static final Subscription<OrderProgress> SUBSCRIPTION = Subscription.<OrderProgress>of(Destinations.ORDERING, Destinations.ORDERING_QUEUE)
            .on(InventoryReserved.TYPE, InventoryReserved.class, UNKNOWN_ORDER, OrderProgress::stockReserved)
            .on(InventoryRejected.TYPE, InventoryRejected.class, UNKNOWN_ORDER, OrderProgress::stockRejected)
            .on(PaymentCharged.TYPE, PaymentCharged.class, UNKNOWN_ORDER, OrderProgress::paymentCharged)
            .on(PaymentDeclined.TYPE, PaymentDeclined.class, UNKNOWN_ORDER, OrderProgress::paymentDeclined)
            .on(ShipmentScheduled.TYPE, ShipmentScheduled.class, UNKNOWN_ORDER, OrderProgress::shipmentScheduled)
            .on(ShipmentFailed.TYPE, ShipmentFailed.class, UNKNOWN_ORDER, OrderProgress::shipmentFailed)
            .on(NotificationSent.TYPE, NotificationSent.class, UNKNOWN_ORDER, OrderProgress::receiptSent)
            .on(NotificationFailed.TYPE, NotificationFailed.class, UNKNOWN_ORDER, OrderProgress::receiptFailed)
            .on(InventoryReleased.TYPE, InventoryReleased.class, UNKNOWN_ORDER, (s, e, p) -> s.undone(e, p.orderId(), Destinations.INVENTORY))
            .on(PaymentRefunded.TYPE, PaymentRefunded.class, UNKNOWN_ORDER, (s, e, p) -> s.undone(e, p.orderId(), Destinations.PAYMENT))
            .on(ShipmentCancelled.TYPE, ShipmentCancelled.class, UNKNOWN_ORDER, (s, e, p) -> s.undone(e, p.orderId(), Destinations.SHIPPING));

    @Inject
    EventDelivery delivery;

    @Inject
    OrderProgress progress;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(message, SUBSCRIPTION, progress);
    }
}
