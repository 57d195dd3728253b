package org.waybill.shipping;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.OrderEvent;
import org.waybill.contracts.PaymentCharged;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventDelivery;
import org.waybill.messaging.Subscription;

/**
 * Shipping's subscription: learns of each order, schedules the shipment once it is paid, cancels it when the order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.SHIPPING_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class ShippingConsumer implements MessageListener {
    private static final Subscription.Refusal<ShippingService, OrderEvent> UNKNOWN_ORDER =
            (s, p) -> s.unknownOrder(p.orderId());
    static final Subscription<ShippingService> SUBSCRIPTION = Subscription.<ShippingService>of(Destinations.SHIPPING, Destinations.SHIPPING_QUEUE)
            .on(OrderCreated.TYPE, OrderCreated.class, ShippingService::open)
            .on(PaymentCharged.TYPE, PaymentCharged.class, UNKNOWN_ORDER, (s, e, p) -> s.schedule(e, p.orderId()))
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, UNKNOWN_ORDER,
                    (s, e, p) -> s.cancel(e, p.orderId()));

    @Inject
    EventDelivery delivery;

    @Inject
    ShippingService shipping;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(message, SUBSCRIPTION, shipping);
    }
}
