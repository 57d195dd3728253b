package org.waybill.notification;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.messaging.Delivery;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

/**
 * Notification's subscription: writes the receipt once the shipment is scheduled. Decodes and delegates; any exception rolls the transaction back and the broker redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.NOTIFICATION_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class NotificationConsumer implements MessageListener {
    @Inject
    NotificationService notifications;

    @Inject
    Delivery delivery;

    @Override
    public void onMessage(Message message) {
        var event = EventMessages.decode(message);
        delivery.process(() -> notifications.apply(event));
    }
}
