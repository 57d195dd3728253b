package org.waybill.it;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.List;

/** The test Artemis seen from outside: a JMS client as the operator, and queue counters from its management API. */
final class Broker {
    private Broker() {
    }

    static ConnectionFactory operatorConnectionFactory() {
        var s = TestStack.stack().settings();
        return new ActiveMQConnectionFactory(s.brokerUrl(),
                s.consoleUser().user(), s.consoleUser().password());
    }

    /** The broker user of the application, as WildFly signs in with it. */
    static ConnectionFactory applicationConnectionFactory() {
        var s = TestStack.stack().settings();
        return new ActiveMQConnectionFactory(s.brokerUrl(), s.brokerUser().user(), s.brokerUser().password());
    }

    /** The test stack's read-only event subscriber (WAYBILL_BROKER_SUBSCRIBERS, see TestStack). */
    static ConnectionFactory subscriberConnectionFactory() {
        var s = TestStack.stack().settings();
        var subscriber = s.brokerSubscribers().get(0);
        return new ActiveMQConnectionFactory(s.brokerUrl(), subscriber.user(), subscriber.password());
    }

    /** Every queue the application consumes from. */
    static final List<String> CONSUMED_QUEUES = List.of("waybill.events.inventory", "waybill.events.payment",
            "waybill.events.shipping", "waybill.events.notification", "waybill.events.ordering", "waybill.events.unmatched",
            "waybill.email");

    /**
     * Waits until no queue the application consumes from holds or delivers a message: longer than the longest
     * redelivery delay (60 s, plus a fifth of jitter), as an earlier test may leave a message waiting it out.
     */
    static void awaitDrained() {
        Eventually.await("all queues drained", java.time.Duration.ofSeconds(120),
                () -> {
                    var counts = TestStack.stack().broker().console().queueCounters("MessageCount");
                    return CONSUMED_QUEUES.stream().mapToLong(counts::get).sum();
                }, n -> n == 0);
    }

    /** A numeric attribute of one queue, e.g. MessagesAdded, read through Jolokia. */
    static long queueCounter(String queue, String attribute) {
        return TestStack.stack().broker().console().queueCounter(queue, attribute);
    }

    /**
     * Sends inventory an order.created of a version it does not handle (v7) for the given order: poison that its
     * consumer parks at once in DLQ.waybill.events.inventory.
     */
    static void sendUnprocessableTo(String aggregateId) throws jakarta.jms.JMSException {
        sendUnprocessableTo(aggregateId, java.time.Instant.now().toString());
    }

    /** The same with an occurredAt of the sender's choosing: text from outside that the reason for parking quotes. */
    static void sendUnprocessableTo(String aggregateId, String occurredAt) throws jakarta.jms.JMSException {
        try (jakarta.jms.JMSContext context = operatorConnectionFactory().createContext()) {
            context.createProducer().send(context.createTopic("waybill.events::waybill.events.inventory"),
                    unprocessable(context, aggregateId, occurredAt));
        }
    }

    /**
     * Puts such a message straight into DLQ.waybill.events.inventory as the broker dead-letters one whose consumer
     * kept failing (no reason of the consumer's), so the re-drive sends it back; inventory then parks it. Returns its
     * eventId.
     */
    static String deadLetterUnprocessable(String aggregateId) throws jakarta.jms.JMSException {
        try (jakarta.jms.JMSContext context = operatorConnectionFactory().createContext()) {
            jakarta.jms.Message m = unprocessable(context, aggregateId, java.time.Instant.now().toString());
            m.setStringProperty("_AMQ_ORIG_QUEUE", "waybill.events.inventory");
            context.createProducer().send(context.createTopic("DLQ"), m);
            return m.getStringProperty("eventId");
        }
    }

    private static jakarta.jms.Message unprocessable(jakarta.jms.JMSContext context, String aggregateId,
                                                     String occurredAt) throws jakarta.jms.JMSException {
        jakarta.jms.Message m = context.createTextMessage("{\"hello\":1}");
        m.setStringProperty("eventId", java.util.UUID.randomUUID().toString());
        m.setStringProperty("eventType", "order.created");
        m.setIntProperty("eventVersion", 7);
        m.setStringProperty("aggregateType", "order");
        m.setStringProperty("aggregateId", aggregateId);
        m.setStringProperty("occurredAt", occurredAt);
        m.setJMSCorrelationID(aggregateId);
        return m;
    }

    /** What DLQ.{queue} holds that the selector matches, oldest first. */
    static List<jakarta.jms.Message> parked(String queue, String selector) {
        try (jakarta.jms.JMSContext context = operatorConnectionFactory().createContext();
             jakarta.jms.QueueBrowser browser = context.createBrowser(context.createQueue("DLQ::DLQ." + queue),
                     selector)) {
            return java.util.Collections.list(browser.getEnumeration()).stream()
                    .map(jakarta.jms.Message.class::cast).toList();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole, valid envelope on m, as Waybill's relay writes it, for the order. */
    static jakarta.jms.Message envelope(jakarta.jms.Message m, String type, String order)
            throws jakarta.jms.JMSException {
        m.setStringProperty("eventId", java.util.UUID.randomUUID().toString());
        m.setStringProperty("eventType", type);
        m.setIntProperty("eventVersion", 1);
        m.setStringProperty("aggregateType", "order");
        m.setStringProperty("aggregateId", order);
        m.setStringProperty("JMSXGroupID", order);
        m.setStringProperty("occurredAt", java.time.Instant.now().toString());
        m.setJMSCorrelationID(order);
        return m;
    }

    /** Where a producer sends straight to a consumer's queue: the e-mail queue, or a subscription of the events. */
    static jakarta.jms.Destination consumerQueue(jakarta.jms.JMSContext context, String queue) {
        return queue.equals("waybill.email") ? context.createQueue(queue)
                : context.createTopic("waybill.events::" + queue);
    }
}
