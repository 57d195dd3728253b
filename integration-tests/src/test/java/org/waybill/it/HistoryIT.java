package org.waybill.it;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/** Events as history: kept after the outbox is cleaned, and replayable to analytics without re-running the workflow. */
@ArquillianTest
class HistoryIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void publishedRowsLeaveTheOutboxButTheTimelineKeepsThem() {
        String id = Orders.place("quinn", "tok_sandbox", "WB-CAP-01:1");
        Orders.awaitStatus(id, "COMPLETED");

        JsonObject order = Orders.awaitPublished(id);
        // Moved as the relay published them, not later by the cleanup: a row marked in place would still be there
        // (the cleanup here moves rows published over a second ago).
        assertEquals(0, db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ?", id));
        assertEquals(Orders.HAPPY_PATH.size(), db().number("SELECT count(*) FROM event_log WHERE aggregate_id = ?", id));
        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order));
        order.getJsonArray("timeline").getValuesAs(JsonObject.class)
                .forEach(e -> assertTrue(e.containsKey("publishedAt"), e.toString()));
    }

    @Test
    void replayingAnOrderFeedsAnalyticsAndChangesNothingInWaybill() throws Exception {
        String id = Orders.place("rosa", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
        Broker.awaitDrained();
        String state = "SELECT (SELECT count(*) FROM event_history) || '/' || (SELECT count(*) FROM inbox) || '/' "
                + "|| (SELECT sum(stock_reserved) FROM products)";
        String before = db().text(state);
        int mails = TestStack.stack().mail().received().size();

        try (JMSContext analytics = Broker.operatorConnectionFactory().createContext()) {
            String subscription = "it-analytics-" + UUID.randomUUID();
            JMSConsumer consumer = analytics.createSharedDurableConsumer(analytics.createTopic("waybill.replay"), subscription);

            Api.Reply reply = Api.post("/replays", "{\"orderId\":\"" + id + "\"}");
            assertEquals(202, reply.status(), reply.body());
            assertEquals(Orders.HAPPY_PATH.size(), reply.json().getInt("events"));
            String replayId = reply.json().getString("replayId");

            List<Message> received = new ArrayList<>();
            for (Message m = consumer.receive(5_000); m != null && received.size() < 50; m = consumer.receive(1_000)) {
                received.add(m);
            }
            assertEquals(Orders.HAPPY_PATH, received.stream().map(m -> property(m, "eventType")).toList());
            received.forEach(m -> assertEquals(replayId, property(m, "replayId")));
            consumer.close();
            analytics.unsubscribe(subscription);
        }
        Broker.awaitDrained();
        assertEquals(before, db().text(state), "no event, inbox row or stock change from a replay");
        assertEquals(mails, TestStack.stack().mail().received().size(), "no e-mail from a replay");
    }

    @Test
    void aTimeRangeReplaysEverythingThatHappenedInIt() {
        Instant from = Instant.now().minusSeconds(1);
        String id = Orders.place("sam", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
        Instant to = Instant.now().plusSeconds(1);

        Api.Reply reply = Api.post("/replays", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");

        assertEquals(202, reply.status(), reply.body());
        long inRange = db().number("SELECT count(*) FROM event_history WHERE occurred_at >= ?::timestamptz "
                + "AND occurred_at < ?::timestamptz", from.toString(), to.toString());
        assertEquals(inRange, reply.json().getInt("events"));
        assertTrue(inRange >= Orders.HAPPY_PATH.size());
    }

    @Test
    void aReplayNeedsAnOrderOrARange() {
        for (String body : List.of("{}", "{\"orderId\":\"" + UUID.randomUUID() + "\",\"from\":\"2026-01-01T00:00:00Z\"}",
                "{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}", "{\"orderId\":\"nope\"}")) {
            Api.Reply reply = Api.post("/replays", body);
            assertEquals(400, reply.status(), body + " -> " + reply.body());
            assertEquals("application/problem+json", reply.contentType());
        }
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
