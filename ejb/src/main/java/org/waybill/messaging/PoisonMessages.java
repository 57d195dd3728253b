package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.waybill.events.UnprocessableEventException;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * Parks a message that cannot be processed in the dead-letter queue of the queue it came from, with why: it neither
 * loops nor gets lost. In the {@code xa} mode the copy is sent in the delivery's transaction, which acknowledges the
 * message; without a delivery transaction (at-least-once) it is sent at once, durably, and the message is
 * acknowledged when the bean returns. A crash in between parks it again at its redelivery: two dead letters of one
 * message rather than none (no duplicate id: a message an operator moves back from the DLQ as it is, and which fails
 * again, must not be dropped as a duplicate of its first parking). The reason travels as message properties:
 * {@value #REASON}, {@value #CONSUMER}, {@value #ATTEMPTS}, {@value #FIRST_FAILURE}, {@value #LAST_FAILURE}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PoisonMessages {
    public static final String DLQ_ADDRESS = "DLQ";
    public static final String REASON = "deadLetterReason";
    public static final String CONSUMER = "deadLetterConsumer";
    public static final String ATTEMPTS = "deliveryAttempts";
    public static final String FIRST_FAILURE = "firstFailureAt";
    public static final String LAST_FAILURE = "lastFailureAt";
    /** The broker's own properties naming where a dead letter came from; the DLQ queues filter on the queue. */
    public static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    public static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private static final Logger LOG = Logger.getLogger(PoisonMessages.class.getName());

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    /** The reason reads {@code org.waybill.events.UnprocessableEventException: <why>} whatever found it (a refusal too). */
    public void park(Message original, Subscription<?> subscription, UnprocessableEventException reason) {
        String queue = subscription.queue();
        try (Connection connection = connectionFactory.createConnection(); Session session = connection.createSession()) {
            Message parked = EventMessages.copyOf(session, original);
            String now = Instant.now().toString();
            parked.setStringProperty(REASON, UnprocessableEventException.class.getName() + ": " + reason.getMessage());
            parked.setStringProperty(CONSUMER, subscription.consumer());
            parked.setIntProperty(ATTEMPTS, EventMessages.deliveryCount(original));
            parked.setStringProperty(FIRST_FAILURE, now);
            parked.setStringProperty(LAST_FAILURE, now);
            parked.setStringProperty(ORIGINAL_QUEUE, queue);
            parked.setStringProperty(ORIGINAL_ADDRESS, Destinations.addressOf(queue));
            try (MessageProducer producer = session.createProducer(session.createTopic(DLQ_ADDRESS))) {
                producer.send(parked);
            }
            LOG.warning(() -> "Parked a message of " + queue + " in DLQ." + queue + ": " + reason.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("could not park a message of " + queue + "; it will be redelivered", e);
        }
    }
}
