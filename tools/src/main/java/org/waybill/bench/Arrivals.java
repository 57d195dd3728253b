package org.waybill.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.waybill.load.OwnStack;
import org.waybill.messaging.EventMessages;
import org.waybill.stack.StackSettings;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the benchmark queue received, read by consuming it after a drain with one consumer (so in the queue's order):
 * messages, distinct event ids among them, and messages that arrived after a later event of their aggregate (by the
 * outbox sequence the relay sends). The broker drops a resend it still remembers (duplicate detection on the event
 * id), so a duplicate here is one that got past it; the relays' own counts ({@link RelayRun#publishedTwice}) show
 * those it caught.
 */
record Arrivals(long received, long distinct, long outOfOrder) {
    private static final int COMMIT_EVERY = 1_000;
    /** Once the queue has been empty this long, it was drained (the relays finished before this is called). */
    private static final long QUIET_MILLIS = 2_000;

    static Arrivals consume(OwnStack stack) throws JMSException {
        StackSettings settings = stack.settings();
        Set<String> ids = new HashSet<>();
        Map<String, Long> lastSequence = new HashMap<>();
        long received = 0;
        long outOfOrder = 0;
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.brokerUrl());
             // The operator's user: the application's may only send to the benchmark's queue (broker.xml).
             Connection connection = factory.createConnection(settings.consoleUser().user(),
                     settings.consoleUser().password());
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(BenchEvents.QUEUE));
            connection.start();
            for (Message m = consumer.receive(QUIET_MILLIS); m != null; m = consumer.receive(QUIET_MILLIS)) {
                received++;
                ids.add(m.getStringProperty(EventMessages.EVENT_ID));
                long sequence = m.getLongProperty(EventMessages.SEQUENCE);
                Long last = lastSequence.put(m.getStringProperty(EventMessages.AGGREGATE_ID), sequence);
                if (last != null && last > sequence) {
                    outOfOrder++;
                }
                if (received % COMMIT_EVERY == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
        return new Arrivals(received, ids.size(), outOfOrder);
    }

    long duplicates() {
        return received - distinct;
    }
}
