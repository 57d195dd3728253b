package org.waybill.it;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The upgrade to order.created v2 and payment.charged v2 with v1 still about: what the version before wrote (its
 * orders, held credentials and payments in the database, its v1 messages still queued, a v1 dead letter, v1 rows in
 * the event log) is read by the v2 consumers through the upcasters, and every order completes.
 */
@ArquillianTest
class MixedVersionsIT {
    private static final String SKU = "WB-MUG-01";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void v1MessagesQueuedBeforeTheUpgradeCompleteTheirOrders() throws Exception {
        // order.created v1 to the event address, as the relay of the version before sent it.
        String toAddress = placedByTheVersionBefore("PLACED");
        // order.created v1 from before migration V11, with the payment credential, straight to each consumer's queue.
        String withToken = placedByTheVersionBefore("PLACED");
        // payment.charged v1 in flight: the order's stock reserved and its payment charged by the version before.
        String charged = placedByTheVersionBefore("STOCK_RESERVED");
        db().execute("INSERT INTO payments (order_id, customer_id, amount, currency, payment_token, status, charge_id, updated_at) "
                + "VALUES (?::uuid, 'mixed-versions', 25.00, 'EUR', 'tok_sandbox', 'CHARGED', 'ch_v1', now())", charged);
        db().execute("DELETE FROM payment_credentials WHERE order_id = ?::uuid", charged);
        db().execute("INSERT INTO shipments (order_id, units, status, updated_at) VALUES (?::uuid, 2, 'PENDING', now())",
                charged);
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            context.createProducer().send(context.createTopic("waybill.events"), v1(context, "order.created", toAddress,
                    orderCreatedV1(toAddress, "")));
            Message createdWithToken = v1(context, "order.created", withToken,
                    orderCreatedV1(withToken, "\"paymentToken\":\"tok_sandbox\","));
            for (String queue : List.of("waybill.events.inventory", "waybill.events.payment", "waybill.events.shipping")) {
                context.createProducer().send(Broker.consumerQueue(context, queue), createdWithToken);
            }
            context.createProducer().send(context.createTopic("waybill.events"), v1(context, "payment.charged", charged,
                    "{\"orderId\":\"" + charged + "\",\"amount\":25.00,\"chargeId\":\"ch_v1\"}"));
        }
        for (String order : List.of(toAddress, withToken, charged)) {
            JsonObject completed = Orders.awaitStatus(order, "COMPLETED");
            assertEquals("EUR", completed.getString("currency"), order);
            assertTrue(!completed.containsKey("shippingAddress") || completed.isNull("shippingAddress"), order);
        }
        for (String order : List.of(toAddress, withToken)) {
            assertEquals("EUR", db().text("SELECT currency FROM payments WHERE order_id = ?::uuid", order));
            assertEquals(2, db().number("SELECT event_version FROM event_history WHERE aggregate_id = ? "
                    + "AND event_type = 'payment.charged'", order), "the v2 code writes v2");
        }
        for (String queue : List.of("waybill.events.inventory", "waybill.events.payment", "waybill.events.shipping",
                "waybill.events.ordering", "waybill.events.notification")) {
            for (String order : List.of(toAddress, withToken, charged)) {
                assertTrue(Broker.parked(queue, "aggregateId = '" + order + "'").isEmpty(), queue + " parked " + order);
            }
        }
    }

    @Test
    void aV1DeadLetterRetriedAfterTheUpgradeCompletesItsOrder() throws Exception {
        String order = placedByTheVersionBefore("PLACED");
        String eventId;
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Message created = v1(context, "order.created", order, orderCreatedV1(order, ""));
            eventId = created.getStringProperty("eventId");
            // Payment and shipping took it before the upgrade; inventory's copy was dead-lettered by the broker.
            for (String queue : List.of("waybill.events.payment", "waybill.events.shipping")) {
                context.createProducer().send(Broker.consumerQueue(context, queue), created);
            }
            created.setStringProperty("_AMQ_ORIG_QUEUE", "waybill.events.inventory");
            context.createProducer().send(context.createTopic("DLQ"), created);
        }
        JsonObject letter = Eventually.await("the v1 dead letter listed", Duration.ofSeconds(30), () -> {
            Api.Reply list = Api.get("/dead-letters/waybill.events.inventory");
            try (var reader = Json.createReader(new StringReader(list.body()))) {
                return reader.readArray().getValuesAs(JsonObject.class).stream()
                        .filter(l -> eventId.equals(l.getString("eventId", null))).findFirst().orElse(null);
            }
        }, l -> l != null);
        assertEquals(1, letter.getInt("eventVersion"));
        Api.Reply retried = Api.post("/dead-letters/waybill.events.inventory/" + letter.getString("messageId") + "/retry", "");
        assertEquals(200, retried.status(), retried.body());
        assertEquals("EUR", Orders.awaitStatus(order, "COMPLETED").getString("currency"));
    }

    @Test
    void aReplayOfV1HistorySendsTheNewestVersionsAndLeavesTheHistoryAsItWas() throws Exception {
        String order = UUID.randomUUID().toString();
        history(order, "order.created", orderCreatedV1(order, "\"paymentToken\":\"tok_visa\","));
        history(order, "payment.charged", "{\"orderId\":\"" + order + "\",\"amount\":25.00,\"chargeId\":\"ch_v1\"}");
        String subscription = "it-mixed-versions-" + UUID.randomUUID();
        Map<String, Message> replayed = new HashMap<>();
        try (JMSContext analytics = Broker.subscriberConnectionFactory().createContext()) {
            try (JMSConsumer consumer = analytics.createSharedDurableConsumer(analytics.createTopic("waybill.replay"),
                    subscription)) {
                Api.Reply replay = Api.post("/replays", "{\"orderId\":\"" + order + "\"}");
                assertEquals(202, replay.status(), replay.body());
                while (replayed.size() < 2) {
                    Message m = consumer.receive(Duration.ofSeconds(30).toMillis());
                    assertNotNull(m, "replayed so far: " + replayed.keySet());
                    if (order.equals(m.getStringProperty("aggregateId"))) {
                        replayed.put(m.getStringProperty("eventType"), m);
                    }
                }
            }
            analytics.unsubscribe(subscription);
        }
        Message created = replayed.get("order.created");
        assertEquals(2, created.getIntProperty("eventVersion"));
        JsonObject createdV2 = json(((TextMessage) created).getText());
        assertEquals("EUR", createdV2.getString("currency"));
        assertFalse(createdV2.containsKey("paymentToken"), createdV2.toString());
        Message charged = replayed.get("payment.charged");
        assertEquals(2, charged.getIntProperty("eventVersion"));
        assertEquals(json("{\"value\":25.00,\"currency\":\"EUR\"}"),
                json(((TextMessage) charged).getText()).getJsonObject("amount"));
        assertEquals(2, db().number("SELECT count(*) FROM event_log WHERE aggregate_id = ? AND event_version = 1", order),
                "stored history never changes");
        assertEquals(1, db().number("SELECT count(*) FROM event_log WHERE aggregate_id = ? AND jsonb_exists(payload, 'paymentToken')",
                order));
    }

    /** What the placing transaction of the version before left: the order (in euros, no address), its credential. */
    private static String placedByTheVersionBefore(String status) {
        String order = UUID.randomUUID().toString();
        db().execute("INSERT INTO orders (id, customer_id, status, placed_at, updated_at, version, payment_token, currency) "
                + "VALUES (?::uuid, 'mixed-versions', ?, now(), now(), 0, 'tok_sandbox', 'EUR')", order, status);
        db().execute("INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price) VALUES (?::uuid, 0, ?, 2, 12.50)",
                order, SKU);
        db().execute("INSERT INTO payment_credentials (order_id, payment_token, held_at) VALUES (?::uuid, 'tok_sandbox', now())",
                order);
        return order;
    }

    private static String orderCreatedV1(String order, String token) {
        return "{\"orderId\":\"" + order + "\",\"customerId\":\"mixed-versions\"," + token
                + "\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":2,\"unitPrice\":12.50}]}";
    }

    /**
     * A v1 message as the version before sent it: the v1 envelope (eventVersion 1) around a v1 payload, with its row in
     * the event log and that row's id as its sequence, as that version's relay wrote and sent it. Without the
     * sequence a consumer would not keep the order's later events behind it, and an event that overtook a redelivered
     * order.created would be parked as one for an order the consumer never learnt of.
     */
    private static Message v1(JMSContext context, String type, String order, String payload) throws Exception {
        Message m = Broker.envelope(context.createTextMessage(payload), type, order);
        assertEquals(1, m.getIntProperty("eventVersion"));
        m.setLongProperty("sequence", db().number("""
                INSERT INTO event_log (id, event_id, event_type, event_version, aggregate_type, aggregate_id,
                                       occurred_at, correlation_id, payload, destination, published_at)
                VALUES (nextval(pg_get_serial_sequence('outbox', 'id')), ?::uuid, ?, 1, 'order', ?, now(), ?,
                        ?::jsonb, 'waybill.events', now())
                RETURNING id""", m.getStringProperty("eventId"), type, order, order, payload));
        return m;
    }

    /** A v1 row in the event log, as the version before wrote it. */
    private static void history(String order, String type, String payload) {
        db().execute("""
                INSERT INTO event_log (id, event_id, event_type, event_version, aggregate_type, aggregate_id,
                                       occurred_at, correlation_id, payload, destination, published_at)
                VALUES (nextval(pg_get_serial_sequence('outbox', 'id')), gen_random_uuid(), ?, 1, 'order', ?, now(), ?,
                        ?::jsonb, 'waybill.events', now())""", type, order, order, payload);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
