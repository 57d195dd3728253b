package org.waybill.notification;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventDelivery;
import org.waybill.messaging.Subscription;

/**
 * Notification's subscription: writes the receipt once the shipment is scheduled.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.NOTIFICATION_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class NotificationConsumer implements MessageListener {
    static final Subscription<NotificationService> SUBSCRIPTION = Subscription.<NotificationService>of(Destinations.NOTIFICATION, Destinations.NOTIFICATION_QUEUE)
            .on(ShipmentScheduled.TYPE, ShipmentScheduled.class, (s, p) -> s.unknownOrder(p.orderId()),
                    NotificationService::writeReceipt);

    @Inject
    EventDelivery delivery;

    @Inject
    NotificationService notifications;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(message, SUBSCRIPTION, notifications);
    }
}
