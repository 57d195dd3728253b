package org.waybill.deadletters;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.ArtemisMessages;
import org.waybill.messaging.EventMessages;
import org.waybill.messaging.PoisonMessages;
import org.waybill.platform.LogContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transactions one dead-letter action runs in: take the message off its dead-letter queue, for a retry send the
 * copy back to its queue, and write the records ({@link DeadLetterRecords}). Each action on its own, so one that fails
 * leaves the others alone.
 * <ul>
 *   <li>{@code xa}: all in one XA transaction ({@code java:/JmsXA} with the database): all or nothing.</li>
 *   <li>{@code at-least-once}: no transaction ever holds both the broker and the database, so none needs a
 *       two-phase commit (PostgreSQL may have max_prepared_transactions = 0). The broker work is a local broker
 *       transaction; the records commit in their own database transaction, and then the broker commits. A crash or
 *       failure between the two commits leaves the records committed and the message still in its dead-letter
 *       queue, untouched, from where the action can be repeated with no harm:
 *       <ul>
 *         <li>retry: no copy was sent. Retried again, it sends one copy (and writes a second audit record).</li>
 *         <li>discard: the event already counts as done at the consumer. Discarded again, nothing changes but a
 *             second audit record; retried or re-driven instead, the copy is dropped by the consumer's inbox.</li>
 *       </ul>
 *       The other order (broker first) would lose the records instead: a retry without its audit record, or a
 *       discarded message whose order stays held until the lost-message check releases it, and it cannot be repeated.
 *       A failure of the broker's commit is logged as an error with the action; a crash of WildFly there leaves an
 *       audit record of an action whose message is still in its dead-letter queue.</li>
 * </ul>
 * Two entry points because the container sets the transaction at a bean's boundary.
 */
@Stateless
public class DeadLetterTransaction {
    private static final Logger LOG = Logger.getLogger(DeadLetterTransaction.class.getName());

    /** Its sessions join the caller's XA transaction. */
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory xaFactory;

    /** No JTA, local transactions allowed (server-config/wildfly/configure-messaging.cli). */
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory localFactory;

    @Inject
    DeadLetterRecords records;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public DeadLetter oneXaTransaction(DeadLetterAction action) {
        try (Connection connection = xaFactory.createConnection(); Session session = connection.createSession()) {
            connection.start();
            return perform(session, action);
        } catch (JMSException e) {
            throw new IllegalStateException("could not " + action, e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DeadLetter databaseThenBroker(DeadLetterAction action) {
        try (Connection connection = localFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            DeadLetter letter;
            try {
                letter = perform(session, action); // the records committed on their own
            } catch (JMSException | RuntimeException e) {
                // Closing does not roll back a pooled session: its next user's commit would commit this work.
                rollBack(session, e);
                throw e;
            }
            try {
                session.commit();
            } catch (JMSException e) {
                rollBack(session, e);
                try (LogContext log = LogContext.ofOrder(letter.aggregateId())) {
                    LOG.log(Level.SEVERE, action + " (" + letter.eventType() + " " + letter.eventId() + " of order "
                            + letter.aggregateId() + ") is recorded in operator_actions, but the broker did not commit "
                            + "it: the message is still in DLQ." + action.queue() + "; repeat the action", e);
                }
                throw e;
            }
            return letter;
        } catch (JMSException e) {
            throw new IllegalStateException("could not " + action, e);
        }
    }

    private static void rollBack(Session session, Exception failure) {
        try {
            session.rollback();
        } catch (JMSException e) {
            failure.addSuppressed(e);
        }
    }

    private DeadLetter perform(Session session, DeadLetterAction action) throws JMSException {
        Message message = take(session, action.queue(), action.messageId());
        DeadLetter letter = DeadLetterOperations.view(action.queue(), message);
        if (action.kind() == DeadLetterAction.Kind.RETRY) {
            sendBack(session, action.queue(), message, letter);
        }
        records.record(action, letter);
        return letter;
    }

    private static Message take(Session session, String queue, String messageId) throws JMSException {
        Long queuedId = DeadLetterId.queuedId(messageId);
        List<Message> before = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(DeadLetterOperations.deadLetterQueue(queue)),
                DeadLetterId.selector(messageId, queue))) {
            for (Message message = consumer.receive(2_000); message != null; message = consumer.receive(2_000)) {
                if (queuedId == null || ArtemisMessages.brokerId(message) == queuedId) {
                    putBack(session, queue, before);
                    return message;
                }
                before.add(message);
            }
        }
        throw new DeadLetterNotFoundException("no message " + messageId + " in DLQ." + queue);
    }

    /**
     * The messages with neither id that were taken on the way to the one named by its broker id go back to the
     * dead-letter queue in the same transaction, as they were: a copy has a JMS message id, by which it is named from
     * then on.
     */
    private static void putBack(Session session, String queue, List<Message> taken) throws JMSException {
        if (taken.isEmpty()) {
            return;
        }
        try (MessageProducer producer = session.createProducer(session.createTopic(PoisonMessages.DLQ_ADDRESS))) {
            for (Message message : taken) {
                Message copy = EventMessages.copyOf(session, message);
                copy.setStringProperty(PoisonMessages.ORIGINAL_QUEUE, queue);
                copy.setStringProperty(PoisonMessages.ORIGINAL_ADDRESS, Destinations.addressOf(queue));
                producer.send(copy);
            }
        }
    }

    /** A copy to the queue it came from, counted as retried once more. */
    private static void sendBack(Session session, String queue, Message message, DeadLetter letter) throws JMSException {
        Message copy = EventMessages.copyOf(session, message);
        // A fresh duplicate-detection id: the original one is remembered by the address and would drop the copy.
        copy.setStringProperty(EventMessages.DUPLICATE_ID, letter.eventId() + ":retry:" + UUID.randomUUID());
        copy.setIntProperty(DeadLetterOperations.RETRIES, letter.retries() + 1);
        try (MessageProducer producer = session.createProducer(Destinations.sendingTo(session, queue))) {
            producer.send(copy);
        }
    }
}
