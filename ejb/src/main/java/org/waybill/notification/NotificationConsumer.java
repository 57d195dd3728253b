package org.waybill.notification;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;
import org.waybill.messaging.EventHandlers;

/**
 * Notification's subscription: writes the receipt once the shipment is scheduled.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.NOTIFICATION_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class NotificationConsumer extends EventConsumer<NotificationService> {
    @Inject
    NotificationService notifications;

    public NotificationConsumer() {
        super(NotificationService.HANDLERS, Destinations.NOTIFICATION_QUEUE);
    }

    @Override
    protected void handle(EventHandlers.Prepared<NotificationService> event) {
        notifications.apply(event);
    }
}
