package org.waybill.outbox;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends outbox rows to the broker (the event topic, or a work queue).
 * <p>
 * By default outside any JTA transaction, in a local broker transaction per batch: the sends stream to the broker
 * and the commit returns once it has persisted all of them (one journal sync per batch instead of one per event).
 * If the commit fails, none of the batch was taken and its rows stay unmarked. The caller's database transaction is
 * suspended meanwhile and keeps its row locks. In XA mode the sends join the caller's XA transaction instead.
 * <p>
 * A batch that is resent after a crash (sent, but not marked) contains events the broker has already: its duplicate
 * detection rolls back a whole transaction that contains one. So after a failed batch the relay sends the next one
 * event by event, durable and acknowledged each, where the broker quietly drops what it has seen.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventPublisher {
    /**
     * Destinations by name, shared by every instance and batch: creating one asks the broker whether it exists, a
     * round trip per destination and batch otherwise. They are plain names, valid in any session.
     */
    private static final Map<String, Destination> DESTINATIONS = new ConcurrentHashMap<>();

    /** The relay's factory: no JTA, local transactions allowed (server-config/wildfly/configure-messaging.cli). */
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    /** The XA factory: its sessions join the caller's JTA transaction. */
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory xaConnectionFactory;

    /**
     * Sends the rows in order; throws if the broker did not take them, so the caller leaves them unmarked.
     *
     * @param oneByOne each on its own instead of in one broker transaction (slower, but a resend gets through)
     */
    public void publish(List<OutboxEvent> rows, boolean oneByOne) {
        send(rows, null, oneByOne);
    }

    /**
     * Sends the rows within the caller's XA transaction: the broker keeps them only if the caller's database work
     * (marking the rows) commits too.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void publishInTransaction(List<OutboxEvent> rows) {
        try (JMSContext context = xaConnectionFactory.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (OutboxEvent row : rows) {
                Destination destination = DESTINATIONS.computeIfAbsent(row.destination(),
                        name -> Destinations.isTopic(name) ? context.createTopic(name) : context.createQueue(name));
                producer.send(destination, EventMessages.encode(context.createTextMessage(), row.envelope(), row.id()));
            }
        } catch (JMSRuntimeException e) {
            throw new PublishFailedException("broker did not take " + rows.size() + " message(s): " + e.getMessage(), e);
        }
    }

    /**
     * Sends copies of past events to the replay topic, marked with the replay id. Their duplicate-detection id is
     * per replay, so a replay is delivered although the events were published before, and once per replay.
     */
    public void replay(List<OutboxEvent> rows, UUID replayId) {
        send(rows, replayId, false);
    }

    /**
     * One local broker transaction, or (oneByOne) none; a replay id sends every row as a replayed copy to the replay
     * topic.
     */
    private void send(List<OutboxEvent> rows, UUID replayId, boolean oneByOne) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = oneByOne ? connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                     : connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (OutboxEvent row : rows) {
                TextMessage message = EventMessages.encode(session.createTextMessage(), row.envelope(),
                        replayId == null ? row.id() : null);
                if (replayId != null) {
                    EventMessages.markReplayed(message, replayId);
                }
                String name = replayId == null ? row.destination() : Destinations.REPLAY;
                Destination destination = DESTINATIONS.get(name);
                if (destination == null) { // not computeIfAbsent: creating one throws JMSException
                    destination = Destinations.isTopic(name) ? session.createTopic(name) : session.createQueue(name);
                    DESTINATIONS.put(name, destination);
                }
                producer.send(destination, message);
            }
            if (!oneByOne) {
                session.commit();
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw new PublishFailedException("broker did not take " + rows.size() + " message(s): " + e.getMessage(), e);
        }
    }

}
