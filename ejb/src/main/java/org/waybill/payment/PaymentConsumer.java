package org.waybill.payment;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.contracts.InventoryReserved;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.OrderEvent;
import org.waybill.contracts.ShipmentFailed;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventDelivery;
import org.waybill.messaging.Subscription;

/**
 * Payment's subscription: learns of each order, charges once stock is reserved, refunds when the order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.PAYMENT_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class PaymentConsumer implements MessageListener {
    private static final Subscription.Refusal<PaymentService, OrderEvent> UNKNOWN_ORDER =
            (s, p) -> s.unknownOrder(p.orderId());
    static final Subscription<PaymentService> SUBSCRIPTION = Subscription.<PaymentService>of(Destinations.PAYMENT, Destinations.PAYMENT_QUEUE)
            .on(OrderCreated.TYPE, OrderCreated.class, PaymentService::open)
            .on(InventoryReserved.TYPE, InventoryReserved.class, UNKNOWN_ORDER, (s, e, p) -> s.charge(e, p.orderId()))
            .on(ShipmentFailed.TYPE, ShipmentFailed.class, UNKNOWN_ORDER, (s, e, p) -> s.refund(e, p.orderId()))
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, UNKNOWN_ORDER,
                    (s, e, p) -> s.refund(e, p.orderId()));

    @Inject
    EventDelivery delivery;

    @Inject
    PaymentService payments;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(message, SUBSCRIPTION, payments);
    }
}
