package org.waybill.deadletters;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;
import org.waybill.messaging.Inbox;
import org.waybill.messaging.PoisonMessages;
import org.waybill.platform.PlainText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Operations on the dead-letter queues: list what is parked and why, send a message back to the queue it came from
 * (once its cause is fixed), or discard it with a reason. A retry or discard takes the message off the dead-letter
 * queue, sends the copy and writes the audit record in one XA transaction: it happens completely or not at all.
 */
@Stateless
public class DeadLetterOperations {
    private static final String RETRIES = "deadLetterRetries";
    private static final Logger LOG = Logger.getLogger(DeadLetterOperations.class.getName());

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    /** For browsing only: fails at once while the broker is away, where the XA factory keeps reconnecting. */
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory browsingFactory;

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryHolds holds;

    @Inject
    Inbox inbox;

    /** The messages parked for a queue, oldest first. */
    public List<DeadLetter> list(String queue) {
        return browse(queue, null);
    }

    /** The messages of one order parked in any dead-letter queue. */
    public List<DeadLetter> lettersOf(UUID orderId) {
        List<DeadLetter> letters = new ArrayList<>();
        Destinations.CONSUMED_QUEUES.keySet().stream().sorted().forEach(queue ->
                letters.addAll(browse(queue, EventMessages.AGGREGATE_ID + " = '" + orderId + "'")));
        return letters;
    }

    private List<DeadLetter> browse(String queue, String selector) {
        try (JMSContext context = browsingFactory.createContext();
             QueueBrowser browser = context.createBrowser(deadLetterQueue(context, queue), selector)) {
            List<DeadLetter> letters = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                letters.add(view(queue, (Message) m));
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException("could not browse DLQ." + queue, e);
        }
    }

    /** Sends the message back to its queue, where its consumer processes it again. */
    public DeadLetter retry(String queue, String messageId, String actor) {
        try (JMSContext context = connectionFactory.createContext()) {
            Message message = take(context, queue, messageId);
            DeadLetter letter = view(queue, message);
            Message copy = EventMessages.copyOf(context, message);
            // A fresh duplicate-detection id: the original one is remembered by the address and would drop the copy.
            copy.setStringProperty(EventMessages.DUPLICATE_ID, letter.eventId() + ":retry:" + UUID.randomUUID());
            copy.setIntProperty(RETRIES, letter.retries() + 1);
            String target = Destinations.CONSUMED_QUEUES.get(queue);
            boolean subscription = Destinations.isTopic(target.split("::")[0]);
            context.createProducer().send(subscription ? context.createTopic(target) : context.createQueue(target), copy);
            em.persist(new OperatorAction(actor, "RETRY", queue, letter, null));
            LOG.info(() -> actor + " retried " + letter.eventType() + " " + letter.eventId() + " from DLQ." + queue);
            return letter;
        } catch (JMSException e) {
            throw new IllegalStateException("could not retry " + messageId + " from DLQ." + queue, e);
        }
    }

    /** Retries every message parked for the queue; returns how many. */
    public int retryAll(String queue, String actor) {
        List<DeadLetter> letters = list(queue);
        letters.forEach(l -> retry(queue, l.messageId(), actor));
        return letters.size();
    }

    /**
     * Removes the message for good, recording why. At the queue's consumer the event then counts as done: the
     * order's later events there go on, and its hold there goes. Other consumers of the event are not concerned.
     */
    public DeadLetter discard(String queue, String messageId, String reason, String actor) {
        if (reason == null || reason.isBlank() || reason.length() > 1000 || !PlainText.isPlain(reason)) {
            throw new DiscardReasonMissingException();
        }
        try (JMSContext context = connectionFactory.createContext()) {
            DeadLetter letter = view(queue, take(context, queue, messageId));
            em.persist(new OperatorAction(actor, "DISCARD", queue, letter, reason));
            if (letter.eventId() != null && letter.eventId().matches("[0-9a-fA-F-]{36}")) {
                String consumer = Destinations.consumerOf(queue);
                inbox.skip(consumer, UUID.fromString(letter.eventId()));
                holds.discarded(consumer, UUID.fromString(letter.eventId()));
            }
            LOG.info(() -> actor + " discarded " + letter.eventType() + " " + letter.eventId() + " from DLQ." + queue
                    + ": " + reason);
            return letter;
        } catch (JMSException e) {
            throw new IllegalStateException("could not discard " + messageId + " from DLQ." + queue, e);
        }
    }

    private static Queue deadLetterQueue(JMSContext context, String queue) {
        if (!Destinations.CONSUMED_QUEUES.containsKey(queue)) {
            throw new DeadLetterNotFoundException("no dead-letter queue for " + queue + "; known: " + Destinations.CONSUMED_QUEUES.keySet());
        }
        return context.createQueue(PoisonMessages.DLQ_ADDRESS + "::DLQ." + queue);
    }

    private static Message take(JMSContext context, String queue, String messageId) {
        try (JMSConsumer consumer = context.createConsumer(deadLetterQueue(context, queue),
                DeadLetterId.selector(messageId, queue))) {
            Message message = consumer.receive(2_000);
            if (message == null) {
                throw new DeadLetterNotFoundException("no message " + messageId + " in DLQ." + queue);
            }
            return message;
        }
    }

    private static DeadLetter view(String queue, Message m) throws JMSException {
        String reason = property(m, PoisonMessages.REASON, String.class);
        Integer retries = property(m, RETRIES, Integer.class);
        return new DeadLetter(queue, DeadLetterId.of(m),
                property(m, EventMessages.EVENT_ID, String.class), property(m, EventMessages.EVENT_TYPE, String.class),
                property(m, EventMessages.EVENT_VERSION, Integer.class), property(m, EventMessages.AGGREGATE_ID, String.class),
                reason != null ? reason : "delivery attempts exhausted; the consumer kept failing (see the server log)",
                property(m, PoisonMessages.CONSUMER, String.class), property(m, PoisonMessages.ATTEMPTS, Integer.class),
                property(m, PoisonMessages.FIRST_FAILURE, String.class), property(m, PoisonMessages.LAST_FAILURE, String.class),
                retries == null ? 0 : retries,
                m instanceof TextMessage text ? text.getText() : null);
    }

    /**
     * A property as operators see it, or null when the message does not have it with that type: a producer outside
     * Waybill may send any property with any type (the message keeps it as it came), and the list must still show.
     */
    private static <T> T property(Message m, String name, Class<T> type) throws JMSException {
        Object value = m.getObjectProperty(name);
        return type.isInstance(value) ? type.cast(value) : null;
    }
}
