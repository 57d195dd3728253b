package org.waybill.notification;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;
import org.waybill.messaging.EventHandlers;

/**
 * The e-mail work queue (point to point): each e-mail is sent by one worker.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.EMAIL),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class EmailConsumer extends EventConsumer<NotificationService> {
    @Inject
    NotificationService notifications;

    public EmailConsumer() {
        super(NotificationService.EMAIL_WORK, Destinations.EMAIL);
    }

    @Override
    protected void handle(EventHandlers.Prepared<NotificationService> event) {
        notifications.sendEmail(event);
    }
}
