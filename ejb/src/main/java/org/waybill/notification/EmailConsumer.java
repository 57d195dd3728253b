package org.waybill.notification;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.contracts.EmailRequested;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventDelivery;
import org.waybill.messaging.Subscription;

/**
 * The e-mail work queue (point to point): each e-mail is sent by one worker.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.EMAIL),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class EmailConsumer implements MessageListener {
    static final Subscription<NotificationService> SUBSCRIPTION = Subscription.<NotificationService>of(Destinations.EMAIL_WORKER, Destinations.EMAIL)
            .on(EmailRequested.TYPE, EmailRequested.class, (s, p) -> s.unknownNotification(p.notificationId()),
                    NotificationService::send);

    @Inject
    EventDelivery delivery;

    @Inject
    NotificationService notifications;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(message, SUBSCRIPTION, notifications);
    }
}
