package org.waybill.it;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * How orders get in and how their events get out. In: placing an order over REST (Location, problems naming bad
 * fields, idempotency keys, 404). Out: each event published to the topic exactly once and in order, with its
 * duplicate-detection id and message group; a resend dropped by the broker, a redelivery dropped by the inbox, a
 * relay batch resent after a crash dropped without blocking the relay. The build runs it in both messaging modes.
 * What the workflow then does with an order is {@link WorkflowPathsIT}.
 */
@ArquillianTest
class OrderIntakeAndEventDeliveryIT {

    /** A PostgreSQL session reports its statistics within this long of going idle (PGSTAT_IDLE_INTERVAL, 10 s). */
    private static final Duration STATISTICS_REPORTED = Duration.ofSeconds(12);

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @AfterEach
    void removeFaults() {
        WriteFaults.remove();
    }

    @Test
    void orderPlacedOverRestIsCompletedAndEachEventPublishedOnce() throws Exception {
        long reservedBefore = Orders.reserved("WB-MUG-01");
        try (JMSContext tap = Broker.operatorConnectionFactory().createContext()) {
            Topic events = tap.createTopic("waybill.events");
            String subscription = "it-tap-" + UUID.randomUUID();
            JMSConsumer consumer = tap.createSharedDurableConsumer(events, subscription);

            Api.Reply created = Api.post("/orders",
                    "{\"customerId\":\"alice\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":2},{\"sku\":\"WB-CAP-01\",\"quantity\":1}]}");
            assertEquals(201, created.status(), created.body());
            assertNotNull(created.location(), "Location header");
            String id = created.json().getString("id");
            assertTrue(created.location().endsWith("/waybill/api/orders/" + id), created.location());
            assertEquals("PLACED", created.json().getString("status"));

            Orders.awaitStatus(id, "COMPLETED");
            JsonObject order = Orders.awaitPublished(id);
            assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order));

            assertEquals(reservedBefore + 2, Orders.reserved("WB-MUG-01"), "stock held exactly once");
            assertEquals(2, db().number("SELECT count(*) FROM stock_reservations WHERE order_id = ?::uuid", id));
            assertEquals(0, db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", id));

            List<Message> received = receiveFor(consumer, id, Duration.ofSeconds(3));
            List<JsonObject> topicEvents = order.getJsonArray("timeline").getValuesAs(JsonObject.class).stream()
                    .filter(e -> !e.getString("type").equals("notification.email-requested")).toList();
            assertEquals(topicEvents.stream().map(e -> e.getString("type")).toList(),
                    received.stream().map(m -> property(m, "eventType")).toList(),
                    "each event arrives exactly once, in order");
            for (int i = 0; i < received.size(); i++) {
                Message m = received.get(i);
                String eventId = ((JsonString) topicEvents.get(i).get("eventId")).getString();
                assertEquals(eventId, property(m, "eventId"));
                assertEquals(eventId, property(m, "_AMQ_DUPL_ID"), "duplicate-detection id is the event id");
                assertEquals(id, property(m, "JMSXGroupID"), "message group is the order");
                assertEquals(id, m.getJMSCorrelationID());
            }
            consumer.close();
            tap.unsubscribe(subscription);
        }
    }

    @Test
    void orderForMoreThanIsInStockIsRejectedAndHoldsNothing() {
        long reservedBefore = Orders.reserved("WB-LAMP-01");
        Api.Reply created = Api.post("/orders", "{\"customerId\":\"bob\",\"lines\":[{\"sku\":\"WB-LAMP-01\",\"quantity\":9}]}");
        assertEquals(201, created.status(), created.body());

        JsonObject order = Orders.awaitStatus(created.json().getString("id"), "CANCELLED");
        assertTrue(order.getString("statusReason").contains("WB-LAMP-01 (requested 9, available 5)"), order.toString());
        assertEquals(List.of("order.created", "inventory.rejected", "order.cancelled"), Orders.timelineTypes(order));
        assertEquals(reservedBefore, Orders.reserved("WB-LAMP-01"));
    }

    /**
     * A relay that crashed after the broker took a batch but before it marked the rows sends the batch again. The
     * broker drops the events it has; the resend must neither block the relay (a duplicate rolls back a whole broker
     * transaction) nor have any effect.
     */
    @Test
    void aBatchResentAfterACrashIsDroppedByTheBrokerAndTheRelayGoesOn() {
        String first = Orders.place("gina", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(first, "COMPLETED");
        Orders.awaitPublished(first);
        long reserved = Orders.reserved("WB-MUG-01");
        long added = Broker.queueCounter("waybill.events.inventory", "MessagesAdded");

        // As after the crash: the order's events are in the outbox again, unmarked (wherever cleanup had put them).
        db().execute("""
                WITH moved AS (DELETE FROM event_log WHERE aggregate_id = ? RETURNING *)
                INSERT INTO outbox (id, event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, causation_id, payload, destination)
                SELECT id, event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                       correlation_id, causation_id, payload, destination FROM moved""", first);
        db().execute("UPDATE outbox SET published_at = NULL WHERE aggregate_id = ?", first);
        String next = Orders.place("gina", "tok_sandbox", "WB-MUG-01:1");

        Orders.awaitStatus(next, "COMPLETED");
        Eventually.await("the resent events marked again", Duration.ofSeconds(30),
                () -> db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", first),
                n -> n == 0);
        assertEquals(reserved + 1, Orders.reserved("WB-MUG-01"), "only the second order reserved stock");
        assertEquals(added + 1, Broker.queueCounter("waybill.events.inventory", "MessagesAdded"),
                "inventory got the second order.created only; the resent one was dropped by the broker");
        assertEquals("COMPLETED", Orders.get(first).getString("status"));
    }

    /**
     * Why a resend must be harmless: the relay's batches commit without waiting for PostgreSQL to flush them, so a
     * crash of PostgreSQL can lose marks (the test above). Counted in PostgreSQL's I/O statistics: the WAL flushes of
     * client sessions (WildFly's pool, this test's) while the relay publishes events one batch each, in a quiet
     * stack, with this test's own commits not flushed either. A session reports its counts within 10 s of going
     * idle. In the XA mode the batches are prepared transactions, which PostgreSQL flushes whatever the setting.
     */
    @Test
    void theRelaysCommitsDoNotWaitForTheDisk() throws Exception {
        int batches = 20;
        Thread.sleep(STATISTICS_REPORTED.toMillis()); // what earlier tests' sessions have not reported yet
        long before = clientWalFlushes();
        try (Connection session = db().connect(); Statement s = session.createStatement()) {
            s.execute("SET synchronous_commit = off");
            for (int i = 0; i < batches; i++) {
                String eventId = OutboxRows.appendEventOfAnotherNode(session);
                OutboxRows.notifyAsAnotherNode(session);
                Eventually.await("the event published", Duration.ofSeconds(30), () -> OutboxRows.published(eventId),
                        published -> published);
            }
        }
        Thread.sleep(STATISTICS_REPORTED.toMillis());
        long flushes = clientWalFlushes() - before;
        System.out.printf("OrderIntakeAndEventDeliveryIT: %d WAL flushes of client sessions for %d relay batches%n",
                flushes, batches);
        if (xa()) {
            assertTrue(flushes >= batches, "every prepared batch flushed, but " + flushes + " flushes");
        } else {
            assertTrue(flushes < batches / 2, flushes + " flushes of client sessions for " + batches + " batches");
        }
    }

    private static long clientWalFlushes() {
        return db().number("""
                SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io
                 WHERE backend_type = 'client backend' AND object = 'wal'""");
    }

    private static boolean xa() {
        return System.getProperty("waybill.it.messaging-mode", "at-least-once").equals("xa");
    }

    @Test
    void redeliveredEventHasNoSecondEffect() throws Exception {
        Api.Reply created = Api.post("/orders", "{\"customerId\":\"carol\",\"lines\":[{\"sku\":\"WB-BAG-01\",\"quantity\":3}]}");
        String id = created.json().getString("id");
        Orders.awaitStatus(id, "COMPLETED");
        long reservedAfterFirst = Orders.reserved("WB-BAG-01");
        String orderCreatedId = db().text("SELECT event_id::text FROM event_history WHERE aggregate_id = ? AND event_type = 'order.created'", id);
        String payload = db().text("SELECT payload::text FROM event_history WHERE aggregate_id = ? AND event_type = 'order.created'", id);
        int version = (int) db().number("SELECT event_version FROM event_history WHERE aggregate_id = ? AND event_type = 'order.created'", id);

        long addedBefore = Broker.queueCounter("waybill.events.inventory", "MessagesAdded");
        long acknowledgedBefore = Broker.queueCounter("waybill.events.inventory", "MessagesAcknowledged");
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Topic events = context.createTopic("waybill.events");
            // What a relay resending after a crash would send: the broker drops it by its duplicate-detection id.
            context.createProducer().send(events, copyOfOrderCreated(context, id, orderCreatedId, version, payload, orderCreatedId));
            // The same event with a fresh broker id gets through to inventory, whose inbox must drop it.
            context.createProducer().send(events, copyOfOrderCreated(context, id, orderCreatedId, version, payload, UUID.randomUUID().toString()));
        }
        Eventually.await("inventory consumed the duplicate", Duration.ofSeconds(30),
                () -> Broker.queueCounter("waybill.events.inventory", "MessagesAcknowledged"), n -> n >= acknowledgedBefore + 1);

        assertEquals(addedBefore + 1, Broker.queueCounter("waybill.events.inventory", "MessagesAdded"),
                "the resend with the same _AMQ_DUPL_ID never reached a queue");
        assertEquals(reservedAfterFirst, Orders.reserved("WB-BAG-01"), "no second reservation");
        assertEquals(1, db().number("SELECT count(*) FROM event_history WHERE aggregate_id = ? AND event_type = 'inventory.reserved'", id));
        assertEquals(1, db().number("SELECT count(*) FROM inbox WHERE consumer = 'inventory' AND event_id = ?::uuid", orderCreatedId));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"customerId\": \"dave\", \"lines\": [",
            "[]",
            "{\"customerId\":\"dave\",\"lines\":[{\"sku\":\"NO-SUCH-SKU\",\"quantity\":1}]}",
            "{\"customerId\":\"dave\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":0}]}",
            "{\"customerId\":\"dave\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":-3}]}",
            "{\"customerId\":\"dave\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":\"two\"}]}",
            "{\"customerId\":\"dave\",\"lines\":[{\"sku\":\"WB-MUG-01\"}]}",
            "{\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}",
            "{\"customerId\":\"dave\"}",
            "{\"customerId\":\"dave\",\"lines\":[]}",
            ""})
    void badRequestIsRejectedWithAProblemAndWritesNothing(String body) {
        long orders = db().number("SELECT count(*) FROM orders");
        // Only placing an order writes order.created; earlier orders may still be writing other events meanwhile.
        long events = db().number("SELECT count(*) FROM event_history WHERE event_type = 'order.created'");

        Api.Reply reply = Api.post("/orders", body);

        assertEquals(400, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals(400, reply.json().getInt("status"));
        assertFalse(reply.json().getString("detail").isBlank());
        assertEquals(orders, db().number("SELECT count(*) FROM orders"), "no order row");
        assertEquals(events, db().number("SELECT count(*) FROM event_history WHERE event_type = 'order.created'"),
                "no outbox row");
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Api.Reply reply = Api.post("/orders",
                "{\"customerId\":\"\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":0},{\"sku\":\"NOPE\",\"quantity\":1}]}");
        assertEquals(400, reply.status());
        List<String> fields = reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
        assertEquals(List.of("customerId", "lines[0].quantity", "lines[1].sku"), fields, reply.body());
    }

    /**
     * The catalogue looks the order's SKUs up as one array parameter (inventory's {@code Products}): an SKU that reads
     * like an array literal, a list, SQL or a pattern is still one SKU, bound, never parsed, and named as sent.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{WB-MUG-01}", "{}", "WB-MUG-01,WB-CAP-01", "WB-MUG-01\",\"WB-CAP-01", "NULL", "WB-MUG-01\\",
            "wb-mug-01", "WB-MUG-01'; DROP TABLE products;--", "WB-MUG-%", "_B-MUG-01", "\u03a9-\u00fc-\u65e5\u672c"})
    void anSkuThatReadsLikeAnArrayOrSqlIsOnlyThatSkuAndUnknown(String sku) {
        long orders = db().number("SELECT count(*) FROM orders");
        String body = Json.createObjectBuilder().add("customerId", "dave").add("lines", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("sku", "WB-MUG-01").add("quantity", 1))
                .add(Json.createObjectBuilder().add("sku", sku).add("quantity", 1))).build().toString();

        Api.Reply reply = Api.post("/orders", body);

        assertEquals(400, reply.status(), reply.body());
        assertEquals(List.of("lines[1].sku: unknown product " + sku), reply.json().getJsonArray("errors")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("field") + ": " + e.getString("message")).toList());
        assertEquals(orders, db().number("SELECT count(*) FROM orders"), "no order row");
        assertEquals(1, db().number("SELECT count(*) FROM products WHERE sku = 'WB-MUG-01'"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstOrderInsteadOfASecond() {
        String key = "it-" + UUID.randomUUID();
        String body = "{\"customerId\":\"erin\",\"lines\":[{\"sku\":\"WB-NOTE-A5\",\"quantity\":1}]}";
        Api.Reply first = Api.post("/orders", body, "Idempotency-Key", key);
        assertEquals(201, first.status(), first.body());
        assertEquals("", first.header("Idempotent-Replayed"));

        Api.Reply retry = Api.post("/orders", body, "Idempotency-Key", key);
        assertEquals(201, retry.status(), retry.body());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.json().getString("id"), retry.json().getString("id"));
        assertEquals(first.location(), retry.location());
        assertEquals(1, db().number("SELECT count(*) FROM orders WHERE customer_id = 'erin' AND idempotency_key = ?", key));
        assertEquals(1, db().number("SELECT count(*) FROM event_history WHERE aggregate_id = ? AND event_type = 'order.created'",
                first.json().getString("id")));

        Api.Reply otherOrder = Api.post("/orders", body.replace("\"quantity\":1", "\"quantity\":2"), "Idempotency-Key", key);
        assertEquals(409, otherOrder.status(), otherOrder.body());
        assertEquals("application/problem+json", otherOrder.contentType());
        assertTrue(otherOrder.json().getString("detail").contains("different order"), otherOrder.body());

        long orders = db().number("SELECT count(*) FROM orders");
        Api.Reply badKey = Api.post("/orders", body, "Idempotency-Key", "x".repeat(101));
        assertEquals(400, badKey.status(), badKey.body());
        assertEquals("Idempotency-Key", badKey.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(orders, db().number("SELECT count(*) FROM orders"));
    }

    /**
     * The order and its order.created are one transaction: when the event cannot be written (here a trigger refuses
     * it) the client gets an error and nothing is stored, not an order no step would ever hear of; the same request
     * is accepted once the outbox takes writes again.
     */
    @Test
    void anOrderWhoseEventCannotBeWrittenIsNotStoredAndItsRetryIsAccepted() {
        WriteFaults.failWrites("outbox", "NEW.event_type = 'order.created' AND NEW.payload ->> 'customerId' = 'olga'");
        String key = "it-" + UUID.randomUUID();
        String body = Orders.json("olga", "tok_sandbox", "WB-MUG-01:1");

        Api.Reply refused = Api.post("/orders", body, "Idempotency-Key", key);
        assertEquals(500, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.contentType());
        assertFalse(refused.body().contains("injected fault"), "no database message for the client: " + refused.body());
        assertEquals(1, WriteFaults.failures(), "the outbox insert was tried once");
        assertEquals(0, db().number("SELECT count(*) FROM orders WHERE customer_id = 'olga'"), "no order without its event");

        WriteFaults.heal();
        Api.Reply accepted = Api.post("/orders", body, "Idempotency-Key", key);
        assertEquals(201, accepted.status(), accepted.body());
        assertEquals("", accepted.header("Idempotent-Replayed"), "a new order: the refused one left no key behind");
        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(Orders.awaitStatus(accepted.json().getString("id"), "COMPLETED")));
        assertEquals(1, db().number("SELECT count(*) FROM orders WHERE customer_id = 'olga'"));
    }

    @Test
    void unknownOrderIsNotFound() {
        Api.Reply reply = Api.get("/orders/" + UUID.randomUUID());
        assertEquals(404, reply.status());
        assertEquals("application/problem+json", reply.contentType());
    }

    private static Message copyOfOrderCreated(JMSContext context, String orderId, String eventId, int version,
                                              String payload, String duplicateId) throws Exception {
        Message m = context.createTextMessage(payload);
        m.setStringProperty("eventId", eventId);
        m.setStringProperty("_AMQ_DUPL_ID", duplicateId);
        m.setStringProperty("eventType", "order.created");
        m.setIntProperty("eventVersion", version);
        m.setStringProperty("aggregateType", "order");
        m.setStringProperty("aggregateId", orderId);
        m.setStringProperty("JMSXGroupID", orderId);
        m.setStringProperty("occurredAt", java.time.Instant.now().toString());
        m.setJMSCorrelationID(orderId);
        return m;
    }

    /** The messages of one order that reach a subscription within the wait. */
    private static List<Message> receiveFor(JMSConsumer consumer, String orderId, Duration wait) {
        List<Message> mine = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = consumer.receive(200);
            if (m != null && orderId.equals(property(m, "aggregateId"))) {
                mine.add(m);
            }
        }
        return mine;
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
