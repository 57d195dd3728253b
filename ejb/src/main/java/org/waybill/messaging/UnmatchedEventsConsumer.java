package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.waybill.events.UnprocessableEventException;

/**
 * Makes visible what no consumer takes: the catch-all subscription on the event address (its broker.xml filter is
 * the negation of every other subscription's, which SubscriptionsMatchBrokerTest holds it to) receives each message
 * no consumer's filter matches and parks it in its dead-letter queue with the reason, where operators see it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.UNMATCHED_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class UnmatchedEventsConsumer implements MessageListener {
    /** Takes no event type: everything that reaches it is parked. */
    static final Subscription<Void> SUBSCRIPTION = Subscription.of(Destinations.UNMATCHED, Destinations.UNMATCHED_QUEUE);

    @Inject
    PoisonMessages poison;

    @Inject
    SendBack sendBack;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Override
    public void onMessage(Message message) {
        UnprocessableEventException reason = new UnprocessableEventException(reason(message));
        if (DetachedDelivery.applies(registry.getTransactionStatus())) {
            // Parked at its next delivery: the broker has taken this one's acknowledgement already.
            sendBack.toQueue(message, SUBSCRIPTION.queue(), reason);
        } else {
            poison.park(message, SUBSCRIPTION, reason);
        }
    }

    private static String reason(Message message) {
        try {
            String type = message.getStringProperty(EventMessages.EVENT_TYPE);
            return type == null ? "no consumer takes a message without " + EventMessages.EVENT_TYPE
                    : "no consumer takes eventType " + type;
        } catch (JMSException | RuntimeException e) {
            return "no consumer takes a message whose " + EventMessages.EVENT_TYPE + " cannot be read: " + e.getMessage();
        }
    }
}
