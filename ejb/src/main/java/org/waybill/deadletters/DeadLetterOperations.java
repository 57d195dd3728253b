package org.waybill.deadletters;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;
import org.waybill.messaging.MessagingMode;
import org.waybill.messaging.PoisonMessages;
import org.waybill.platform.Failures;
import org.waybill.platform.LogContext;
import org.waybill.platform.PlainText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Operations on the dead-letter queues: list what is parked and why, send a message back to the queue it came from
 * (once its cause is fixed), or discard it with a reason. Each retry or discard takes the message off its
 * dead-letter queue and writes its audit record in transactions of its own, as the messaging mode asks
 * ({@link DeadLetterTransaction}); the at-least-once mode needs no two-phase commit for it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterOperations {
    static final String RETRIES = "deadLetterRetries";
    private static final Logger LOG = Logger.getLogger(DeadLetterOperations.class.getName());

    /** For browsing only: fails at once while the broker is away, where the XA factory keeps reconnecting. */
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory browsingFactory;

    @Inject
    MessagingMode mode;

    @Inject
    DeadLetterTransaction transaction;

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
             QueueBrowser browser = context.createBrowser(context.createQueue(deadLetterQueue(queue)), selector)) {
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
        return perform(DeadLetterAction.retry(queue, messageId, actor));
    }

    /** Retries every message parked for the queue; returns how many went back (see {@link #retryEach}). */
    public int retryAll(String queue, String actor) {
        return retryEach(queue, letter -> true, actor);
    }

    /**
     * Retries each message parked for the queue that {@code which} accepts, each in its own transactions: one that
     * fails (say, another operator took it meanwhile) is logged and the others still go. Returns how many went back.
     */
    public int retryEach(String queue, Predicate<DeadLetter> which, String actor) {
        int sent = 0;
        for (DeadLetter letter : list(queue)) {
            if (!which.test(letter)) {
                continue;
            }
            try {
                retry(queue, letter.messageId(), actor);
                sent++;
            } catch (RuntimeException e) {
                try (LogContext log = LogContext.ofOrder(letter.aggregateId())) {
                    LOG.log(Level.WARNING, actor + " could not retry " + letter.eventType() + " " + letter.eventId()
                            + " (message " + letter.messageId() + ") from DLQ." + queue + ", went on with the others: "
                            + Failures.message(e), Failures.isTransient(e) ? null : e);
                }
            }
        }
        return sent;
    }

    /**
     * Removes the message for good, recording why. At the queue's consumer the event then counts as done: the
     * order's later events there go on, and its hold there goes. Other consumers of the event are not concerned.
     */
    public DeadLetter discard(String queue, String messageId, String reason, String actor) {
        if (reason == null || reason.isBlank() || reason.length() > 1000 || !PlainText.isPlain(reason)) {
            throw new DiscardReasonMissingException();
        }
        return perform(DeadLetterAction.discard(queue, messageId, actor, reason));
    }

    private DeadLetter perform(DeadLetterAction action) {
        return mode.isXa() ? transaction.oneXaTransaction(action) : transaction.databaseThenBroker(action);
    }

    /** The fully qualified name of the queue's dead-letter queue. */
    static String deadLetterQueue(String queue) {
        if (!Destinations.CONSUMED_QUEUES.containsKey(queue)) {
            throw new DeadLetterNotFoundException("no dead-letter queue for " + queue + "; known: " + Destinations.CONSUMED_QUEUES.keySet());
        }
        return PoisonMessages.DLQ_ADDRESS + "::DLQ." + queue;
    }

    static DeadLetter view(String queue, Message m) throws JMSException {
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
