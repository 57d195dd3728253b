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
import org.waybill.platform.Failures;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a copy of a message back to the queue it came from, when the broker no longer holds the original for a
 * redelivery ({@link DetachedDelivery}). The broker is usually what just failed, so a send the broker failed is
 * repeated (1 s doubling to 10 s, like the consumers' own reconnection) for up to {@value #GIVE_UP_AFTER_SECONDS} s,
 * the transaction timeout: as long as a step may take. One duplicate-detection id for every attempt, so an attempt
 * that reached the broker unanswered leaves one copy, and the broker's refusal of the next one as a duplicate means
 * the copy is there; should the original come back as well, the consumer's inbox drops the second.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SendBack {
    static final int GIVE_UP_AFTER_SECONDS = 300;
    private static final Logger LOG = Logger.getLogger(SendBack.class.getName());

    /** No JTA, local transactions allowed; fails fast while the broker is away (configure-messaging.cli). */
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory factory;

    public void toQueue(Message original, String queue, Exception why) {
        String duplicateId = "sent-back:" + UUID.randomUUID();
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER_SECONDS * 1_000_000_000L;
        long pauseMillis = 1_000;
        while (true) {
            try {
                send(original, queue, duplicateId);
                LOG.warning(() -> "Sent " + describe(original) + " back to " + queue + ", to be delivered again: "
                        + Failures.message(why));
                return;
            } catch (JMSException | RuntimeException e) {
                // Only what passes by itself (the broker away) is worth waiting for; a copy that cannot be made never is.
                boolean timeLeft = Failures.isTransient(e) && System.nanoTime() + pauseMillis * 1_000_000L < giveUpAt;
                if (!timeLeft || !paused(pauseMillis)) {
                    LOG.log(Level.SEVERE, "LOST a message of " + queue + " (" + describe(original) + "): the broker "
                            + "took its acknowledgement outside a transaction, and the copy was not taken back: "
                            + Failures.message(e) + ". An event the relay published is in event_log, from where a "
                            + "replay sends it again. It was not done because: " + Failures.message(why), e);
                    throw new IllegalStateException("could not send a message back to " + queue, e);
                }
                pauseMillis = Math.min(pauseMillis * 2, 10_000);
            }
        }
    }

    private void send(Message original, String queue, String duplicateId) throws JMSException {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            Message copy = EventMessages.copyOf(session, original);
            // The original's id is remembered by the address and would drop the copy.
            copy.setStringProperty(EventMessages.DUPLICATE_ID, duplicateId);
            try (MessageProducer producer = session.createProducer(Destinations.sendingTo(session, queue))) {
                producer.send(copy);
                session.commit();
            } catch (JMSException | RuntimeException e) {
                // Closing does not roll back a pooled session: its next user's commit would commit this work.
                try {
                    session.rollback();
                } catch (JMSException rollback) {
                    e.addSuppressed(rollback);
                }
                if (!Failures.refusedAsDuplicate(e)) {
                    throw e;
                }
            }
        }
    }

    private static String describe(Message message) {
        try {
            return message.getStringProperty(EventMessages.EVENT_TYPE) + " " + message.getStringProperty(EventMessages.EVENT_ID)
                    + " of order " + message.getJMSCorrelationID();
        } catch (JMSException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** False if interrupted: WildFly is stopping, and the message cannot be kept. */
    private static boolean paused(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
