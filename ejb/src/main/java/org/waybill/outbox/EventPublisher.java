package org.waybill.outbox;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sends outbox rows to the broker (the event topic, or a work queue). By default outside any JTA transaction: each
 * send is durable and returns only once the broker has persisted the message. (A non-XA factory used inside the
 * caller's transaction would hand out a transacted session that nobody commits, and the broker would discard the
 * sends.) The caller's database transaction is suspended meanwhile and keeps its row locks.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventPublisher {
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    /** The XA factory: its sessions join the caller's JTA transaction. */
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory xaConnectionFactory;

    /** Sends the rows in order; throws if the broker did not take one, so the caller leaves them unmarked. */
    public void publish(List<OutboxEvent> rows) {
        send(connectionFactory, rows);
    }

    /**
     * Sends the rows within the caller's XA transaction: the broker keeps them only if the caller's database work
     * (marking the rows) commits too.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void publishInTransaction(List<OutboxEvent> rows) {
        send(xaConnectionFactory, rows);
    }

    private void send(ConnectionFactory factory, List<OutboxEvent> rows) {
        send(factory, rows.size(), context -> {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (OutboxEvent row : rows) {
                Destination destination = Destinations.isTopic(row.destination())
                        ? context.createTopic(row.destination())
                        : context.createQueue(row.destination());
                producer.send(destination, EventMessages.encode(context, row.envelope(), row.id()));
            }
        });
    }

    /**
     * Sends copies of past events to the replay topic, marked with the replay id. Their duplicate-detection id is
     * per replay, so a replay is delivered although the events were published before, and once per replay.
     */
    public void replay(List<OutboxEvent> rows, UUID replayId) {
        send(connectionFactory, rows.size(), context -> {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            Topic replay = context.createTopic(Destinations.REPLAY);
            for (OutboxEvent row : rows) {
                Message message = EventMessages.encode(context, row.envelope(), null);
                EventMessages.markReplayed(message, replayId);
                producer.send(replay, message);
            }
        });
    }

    private static void send(ConnectionFactory factory, int count, Consumer<JMSContext> sends) {
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            sends.accept(context);
        } catch (JMSRuntimeException e) {
            throw new PublishFailedException("broker did not take " + count + " message(s): " + e.getMessage(), e);
        }
    }
}
