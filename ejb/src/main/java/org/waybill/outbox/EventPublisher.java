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
import org.waybill.contracts.Upcasters;
import org.waybill.events.EventEnvelope;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Sends the rows in order, in one broker transaction; throws if the broker did not take them all. */
    public void publish(List<OutboxEvent> rows) {
        send(rows, null, true);
    }

    /**
     * Sends the rows one by one, each durable and acknowledged on its own (slower, but a resend gets through, and one
     * row the broker refuses does not keep the others back). After a row failed, its order's later rows are not sent
     * (they would overtake it). A failure counts as the broker refusing that row only if a later row of the round got
     * through: otherwise the broker may just be away.
     *
     * @throws PublishFailedException if the broker took none of them
     */
    public EachPublished publishEach(List<OutboxEvent> rows) {
        List<OutboxEvent> published = new ArrayList<>();
        Map<OutboxEvent, String> failed = new LinkedHashMap<>();
        Map<OutboxEvent, String> refused = new LinkedHashMap<>();
        Set<String> stopped = new HashSet<>();
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (OutboxEvent row : rows) {
                if (stopped.contains(row.envelope().aggregateId())) {
                    continue;
                }
                try {
                    producer.send(destination(session, row.destination()),
                            EventMessages.encode(session.createTextMessage(), row.envelope(), row.id(), row.traceparent()));
                    published.add(row);
                    refused.putAll(failed);
                    failed.clear();
                } catch (JMSException | JMSRuntimeException e) {
                    failed.put(row, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
                    stopped.add(row.envelope().aggregateId());
                }
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw new PublishFailedException("broker did not take " + rows.size() + " message(s): " + e.getMessage(), e);
        }
        if (published.isEmpty()) {
            throw new PublishFailedException("broker took none of " + rows.size() + " message(s): "
                    + failed.values().iterator().next(), null);
        }
        return new EachPublished(published, refused);
    }

    /**
     * What a round of {@link #publishEach} did.
     *
     * @param refused the rows the broker refused while it took others, with its reason
     */
    public record EachPublished(List<OutboxEvent> published, Map<OutboxEvent, String> refused) {
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
                producer.send(destination, EventMessages.encode(context.createTextMessage(), row.envelope(), row.id(), row.traceparent()));
            }
        } catch (JMSRuntimeException e) {
            throw new PublishFailedException("broker did not take " + rows.size() + " message(s): " + e.getMessage(), e);
        }
    }

    /**
     * Sends copies of past events to the replay topic, marked with the replay id, each as the newest version of its
     * type. Their duplicate-detection id is per replay, so a replay is delivered although the events were published
     * before, and once per replay.
     */
    public void replay(List<OutboxEvent> rows, UUID replayId) {
        send(rows, replayId, true);
    }

    /**
     * The same, one durable acknowledged send per row: for rows the broker may have from this replay already (a
     * resumed replay's page), whose copies it then drops quietly instead of refusing a whole transaction.
     */
    public void replayEach(List<OutboxEvent> rows, UUID replayId) {
        send(rows, replayId, false);
    }

    /**
     * An event of the history as the newest version of its type, as a replay sends it: its subscribers are written
     * against the current contracts, like Waybill's consumers, while the stored row stays as it was written.
     */
    private static EventEnvelope newest(EventEnvelope stored) {
        return Upcasters.CHAIN.upcast(stored, Upcasters.CHAIN.newest(stored.type()));
    }

    /**
     * In one local broker transaction, or row by row; a replay id sends every row as a replayed copy to the replay
     * topic.
     */
    private void send(List<OutboxEvent> rows, UUID replayId, boolean oneTransaction) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(oneTransaction,
                     oneTransaction ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
            try {
                MessageProducer producer = session.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (OutboxEvent row : rows) {
                    TextMessage message = replayId == null
                            ? EventMessages.encode(session.createTextMessage(), row.envelope(), row.id(), row.traceparent())
                            : EventMessages.encode(session.createTextMessage(), newest(row.envelope()), null, row.traceparent());
                    if (replayId != null) {
                        EventMessages.markReplayed(message, replayId);
                    }
                    producer.send(destination(session, replayId == null ? row.destination() : Destinations.REPLAY), message);
                }
                if (oneTransaction) {
                    session.commit();
                }
            } catch (JMSException | RuntimeException e) {
                // Closing does not roll back a pooled session: the next batch's commit would send these too.
                try {
                    if (oneTransaction) {
                        session.rollback();
                    }
                } catch (JMSException notRolledBack) {
                    e.addSuppressed(notRolledBack);
                }
                throw e;
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw new PublishFailedException("broker did not take " + rows.size() + " message(s): " + e.getMessage(), e);
        }
    }

    private static Destination destination(Session session, String name) throws JMSException {
        Destination destination = DESTINATIONS.get(name);
        if (destination == null) { // not computeIfAbsent: creating one throws JMSException
            destination = Destinations.isTopic(name) ? session.createTopic(name) : session.createQueue(name);
            DESTINATIONS.put(name, destination);
        }
        return destination;
    }
}
