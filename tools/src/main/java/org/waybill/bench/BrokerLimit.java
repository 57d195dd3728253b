package org.waybill.bench;

import org.waybill.load.ProcessStats;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.waybill.load.OwnStack;
import org.waybill.stack.StackSettings;

/**
 * The broker's own limit for what the relay does: one JMS producer sending the same messages durably, in local
 * transactions of the relay's batch size, with no database in between.
 */
final class BrokerLimit {
    private final OwnStack stack;
    private final ProcessStats processes;

    BrokerLimit(OwnStack stack, ProcessStats processes) {
        this.stack = stack;
        this.processes = processes;
    }

    Drain run(int events, int bytes, int batch) throws JMSException {
        StackSettings settings = stack.settings();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.brokerUrl());
             Connection connection = factory.createConnection(settings.brokerUser().user(),
                     settings.brokerUser().password());
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(BenchEvents.QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            ProcessStats.Snapshot before = processes.snapshot();
            long start = System.nanoTime();
            for (int n = 0; n < events; n++) {
                producer.send(BenchEvents.encode(session.createTextMessage(), n, BenchEvents.payload(n, bytes)));
                if ((n + 1) % batch == 0 || n == events - 1) {
                    session.commit();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Drain("Broker limit: one JMS producer, transactions of " + batch, events, seconds,
                    BenchEvents.inQueue(stack, events),
                    processes.since(before));
        }
    }
}
