package org.waybill.it;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages no retry can fix are parked at once, with their reason, in their queue's DLQ; the rest keeps flowing. */
@ArquillianTest
class PoisonMessageIT {
    private static final List<String> ORDER_CREATED_QUEUES =
            List.of("waybill.events.inventory", "waybill.events.payment", "waybill.events.shipping");

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void poisonIsParkedWithItsReasonAndDoesNotLoop() throws Exception {
        Map<String, String> poison = Map.of(
                send("order.created", 1, "{\"orderId\": 42,", true), "is not one JSON value",
                send("order.created", 9, "{}", true), "does not handle order.created v9",
                send("order.created", 1, "{\"orderId\":\"" + UUID.randomUUID() + "\",\"paymentToken\":\"tok_x\","
                        + "\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1,\"unitPrice\":1}]}", true),
                "required property 'customerId' not found",
                send("order.created", 1, "{}", false), "message has no eventId");

        for (String queue : ORDER_CREATED_QUEUES) {
            for (Map.Entry<String, String> p : poison.entrySet()) {
                Message parked = Eventually.await(p.getValue() + " parked in DLQ." + queue, Duration.ofSeconds(30),
                        () -> parked(queue, p.getKey()), m -> m != null);
                String reason = parked.getStringProperty("deadLetterReason");
                assertTrue(reason.startsWith("org.waybill.events.UnprocessableEventException: ") && reason.contains(p.getValue()),
                        queue + ": " + reason);
                assertEquals(queue.substring("waybill.events.".length()), parked.getStringProperty("deadLetterConsumer"));
                assertEquals(1, parked.getIntProperty("deliveryAttempts"), "parked at the first attempt, no retries");
                assertEquals(queue, parked.getStringProperty("_AMQ_ORIG_QUEUE"));
                Instant.parse(parked.getStringProperty("firstFailureAt"));
                Instant.parse(parked.getStringProperty("lastFailureAt"));
            }
        }
        Broker.awaitDrained();

        String id = Orders.place("uma", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
    }

    /**
     * Well-formed events naming an order (or a notification) that the consumer never learnt of: no retry makes it
     * appear, so each is parked at its first delivery with the consumer's reason, in both messaging modes (in the XA
     * mode the park and the acknowledgement commit in the delivery's one transaction), and nothing of the step is
     * committed (no inbox row). One of each is sent with a relay's sequence too, which is then ordered.
     */
    @Test
    void anEventForAnOrderNeverPlacedIsParkedAtOnceWithItsReasonAtEveryConsumer() throws Exception {
        String shipped = "{\"orderId\":\"ORDER\",\"carrier\":\"c\",\"shipDate\":\"2026-12-01\",\"trackingNumber\":\"T-1\"}";
        String reasoned = "{\"orderId\":\"ORDER\",\"reason\":\"r\"}";
        String[][] cases = {
                {"waybill.events.payment", "inventory.reserved", "{\"orderId\":\"ORDER\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}",
                        "payment knows no order"},
                {"waybill.events.payment", "shipment.failed", reasoned, "payment knows no order"},
                {"waybill.events.payment", "order.cancellation-requested", reasoned, "payment knows no order"},
                {"waybill.events.shipping", "payment.charged", "{\"orderId\":\"ORDER\",\"amount\":1,\"chargeId\":\"ch-1\"}",
                        "shipping knows no order"},
                {"waybill.events.shipping", "order.cancellation-requested", reasoned, "shipping knows no order"},
                {"waybill.events.ordering", "shipment.failed", reasoned, "event for unknown order"},
                {"waybill.events.notification", "shipment.scheduled", shipped, "notification finds no order"},
                {"waybill.email", "notification.email-requested",
                        "{\"notificationId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"ORDER\"}",
                        "e-mail work names a notification never written"}};
        Map<String, String[]> sent = new java.util.LinkedHashMap<>();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            for (boolean sequenced : new boolean[] {false, true}) {
                for (String[] c : cases) {
                    String order = UUID.randomUUID().toString();
                    Message m = Broker.envelope(context.createTextMessage(c[2].replace("ORDER", order)), c[1], order);
                    if (sequenced) {
                        m.setLongProperty("sequence", 1);
                    }
                    context.createProducer().send(Broker.consumerQueue(context, c[0]), m);
                    sent.put(order, new String[] {c[0], c[3], m.getStringProperty("eventId")});
                }
            }
        }
        for (Map.Entry<String, String[]> s : sent.entrySet()) {
            String queue = s.getValue()[0];
            Message parked = Eventually.await(s.getValue()[1] + " parked in DLQ." + queue, Duration.ofSeconds(30),
                    () -> parked(queue, s.getKey()), m -> m != null);
            String reason = parked.getStringProperty("deadLetterReason");
            assertTrue(reason.startsWith("org.waybill.events.UnprocessableEventException: ")
                    && reason.contains(s.getValue()[1]), queue + ": " + reason);
            assertEquals(1, parked.getIntProperty("deliveryAttempts"), queue + ": parked at the first attempt");
            assertEquals(0, TestStack.db().number("SELECT count(*) FROM inbox WHERE event_id = ?::uuid", s.getValue()[2]),
                    queue + ": nothing of the refused step is committed");
        }
        Broker.awaitDrained();
        String id = Orders.place("uma", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
    }

    /** Sends a message that looks like an event to the event topic; returns its aggregate id, unique per message. */
    private static String send(String type, int version, String payload, boolean withEventId) throws Exception {
        String aggregate = UUID.randomUUID().toString();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Message m = context.createTextMessage(payload);
            if (withEventId) {
                m.setStringProperty("eventId", UUID.randomUUID().toString());
            }
            m.setStringProperty("eventType", type);
            m.setIntProperty("eventVersion", version);
            m.setStringProperty("aggregateType", "order");
            m.setStringProperty("aggregateId", aggregate);
            m.setStringProperty("JMSXGroupID", aggregate);
            m.setStringProperty("occurredAt", Instant.now().toString());
            m.setJMSCorrelationID(aggregate);
            context.createProducer().send(context.createTopic("waybill.events"), m);
        }
        return aggregate;
    }

    private static Message parked(String queue, String aggregateId) {
        List<Message> found = Broker.parked(queue, "aggregateId = '" + aggregateId + "'");
        assertTrue(found.size() <= 1, "parked once: " + found.size());
        return found.isEmpty() ? null : found.get(0);
    }
}
