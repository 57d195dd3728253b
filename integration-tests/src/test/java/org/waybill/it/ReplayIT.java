package org.waybill.it;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * Replays are sent page by page (500 events), each page in its own transaction, and a retry of a replay request
 * with the same Idempotency-Key never sends the history twice: it answers with the first replay, and resumes one
 * that stopped half-way from its last page. Each test replays a history of its own (an aggregate written straight
 * into the event log), read by an analytics subscription on waybill.replay.
 */
@ArquillianTest
class ReplayIT {
    private static final int EVENTS = 1_200; // pages of 500, 500 and 200

    private JMSContext analytics;
    private JMSConsumer replayed;
    private String subscription;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @BeforeEach
    void subscribe() {
        analytics = Broker.subscriberConnectionFactory().createContext();
        subscription = "it-replays-" + UUID.randomUUID();
        replayed = analytics.createSharedDurableConsumer(analytics.createTopic("waybill.replay"), subscription);
    }

    @AfterEach
    void unsubscribe() {
        replayed.close();
        analytics.unsubscribe(subscription);
        analytics.close();
    }

    @Test
    void theSameRequestAgainSendsNothingTwice() {
        String order = history(EVENTS);
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\"}";

        Api.Reply first = Api.post("/replays", body, "Idempotency-Key", key);
        assertEquals(202, first.status(), first.body());
        assertEquals("", first.header("Idempotent-Replayed"));
        String replayId = first.json().getString("replayId");
        assertEquals(EVENTS, first.json().getInt("events"));
        assertTrue(first.location().endsWith("/replays/" + replayId), first.location());
        Api.Reply whileRunning = Api.post("/replays", body, "Idempotency-Key", key);
        assertEquals(202, whileRunning.status(), whileRunning.body());
        assertEquals("true", whileRunning.header("Idempotent-Replayed"));
        assertEquals(replayId, whileRunning.json().getString("replayId"));

        awaitDone(replayId);
        Api.Reply afterwards = Api.post("/replays", body, "Idempotency-Key", key);
        assertEquals(202, afterwards.status(), afterwards.body());
        assertEquals("true", afterwards.header("Idempotent-Replayed"));
        assertEquals(replayId, afterwards.json().getString("replayId"));
        assertEquals("DONE", afterwards.json().getString("status"));
        assertEquals(EVENTS, afterwards.json().getInt("sent"));

        List<Message> received = drain();
        assertEquals(EVENTS, received.size(), "each event once, not once per request");
        assertEquals(EVENTS, new HashSet<>(properties(received, "eventId")).size());
        assertEquals(List.of(replayId), properties(received, "replayId").stream().distinct().toList());
        assertEquals(1, db().number("SELECT count(*) FROM replays WHERE idempotency_key = ?", key));
    }

    @Test
    void aKeyUsedForAnotherReplayIsAConflict() {
        String order = history(3);
        String key = UUID.randomUUID().toString();
        Api.Reply first = Api.post("/replays", "{\"orderId\":\"" + order + "\"}", "Idempotency-Key", key);
        assertEquals(202, first.status(), first.body());
        awaitDone(first.json().getString("replayId"));

        Api.Reply other = Api.post("/replays", "{\"orderId\":\"" + history(2) + "\"}", "Idempotency-Key", key);
        assertEquals(409, other.status(), other.body());
        assertEquals("application/problem+json", other.contentType());
        assertTrue(other.json().getString("detail").contains("different replay"), other.body());

        Api.Reply badKey = Api.post("/replays", "{\"orderId\":\"" + order + "\"}", "Idempotency-Key", "x".repeat(101));
        assertEquals(400, badKey.status(), badKey.body());
        assertEquals("Idempotency-Key", badKey.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        assertEquals(1, db().number("SELECT count(*) FROM replays WHERE idempotency_key = ?", key));
        assertEquals(3, drain().size(), "only the first replay was sent");
    }

    /** The broker refuses the replay topic half-way: the pages it took stay sent and recorded; a retry sends the rest. */
    @Test
    void aReplayThatFailsHalfWayIsResumedFromItsLastPage() {
        String order = history(EVENTS);
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\"}";
        JsonObject failed;
        TestStack.stack().broker().console().limitAddress("waybill.replay", 700);
        try {
            Api.Reply first = Api.post("/replays", body, "Idempotency-Key", key);
            assertEquals(202, first.status(), first.body());
            failed = Eventually.await("the replay to fail", Duration.ofSeconds(60),
                    () -> replay(first.json().getString("replayId")), r -> !r.getString("status").equals("RUNNING"));
        } finally {
            TestStack.stack().broker().console().unlimitAddress("waybill.replay");
        }
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        int sent = failed.getInt("sent");
        assertTrue(sent > 0 && sent < EVENTS && sent % 500 == 0, "whole pages sent and recorded before: " + failed);

        // Retried as a client would until it is done: the broker's client may refuse the first send after the
        // limit is gone once more (it remembers the address full), and each retry resumes from the last page again.
        String replayId = failed.getString("replayId");
        JsonObject outcome = failed;
        for (int retries = 0; retries < 5 && !outcome.getString("status").equals("DONE"); retries++) {
            Api.Reply retry = Api.post("/replays", body, "Idempotency-Key", key);
            assertEquals(202, retry.status(), retry.body());
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertEquals(replayId, retry.json().getString("replayId"));
            outcome = Eventually.await("the resumed replay to end", Duration.ofSeconds(60), () -> replay(replayId),
                    r -> !r.getString("status").equals("RUNNING"));
        }
        assertEquals("DONE", outcome.getString("status"), outcome.toString());
        assertEquals(EVENTS, outcome.getInt("sent"));

        List<Message> received = drain();
        assertEquals(EVENTS, received.size(), "the pages sent before the failure were not sent again");
        assertEquals(EVENTS, new HashSet<>(properties(received, "eventId")).size());
    }

    /** A replay whose sender died (a crash) after two of three pages: the retry sends the third page only. */
    @Test
    void aStalledReplayIsResumedByTheSameRequest() {
        String order = history(EVENTS);
        List<String> ids = eventIds(order);
        String key = UUID.randomUUID().toString();
        String replayId = stalledReplay(order, key, 1_000);

        Api.Reply retry = Api.post("/replays", "{\"orderId\":\"" + order + "\"}", "Idempotency-Key", key);
        assertEquals(202, retry.status(), retry.body());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(replayId, retry.json().getString("replayId"));
        assertEquals(EVENTS, awaitDone(replayId).getInt("sent"));

        List<Message> received = drain();
        assertEquals(ids.subList(1_000, EVENTS), properties(received, "eventId"), "only the events after the last page");
        received.forEach(m -> assertEquals(replayId, property(m, "replayId")));
    }

    /**
     * A replay whose sender died with WildFly, requested without a key (so no retry can name it): resumed on its own
     * once it has been quiet for the stall time, and only the events after its last page are sent.
     */
    @Test
    void aStalledReplayIsResumedWithoutAnyRequest() {
        String order = history(EVENTS);
        List<String> ids = eventIds(order);
        String replayId = stalledReplay(order, null, 500);

        JsonObject done = Eventually.await("replay " + replayId + " resumed and done", Duration.ofSeconds(150),
                () -> replay(replayId), r -> r.getString("status").equals("DONE"));
        assertEquals(EVENTS, done.getInt("sent"));
        List<Message> received = drain();
        assertEquals(ids.subList(500, EVENTS), properties(received, "eventId"), "only the events after the last page");
    }

    /**
     * The page in flight when a sender died may be with the broker already: resumed, it is sent again with the same
     * duplicate-detection ids (replay and event), which the broker drops.
     */
    @Test
    void thePageInFlightWhenItStoppedIsNotDeliveredTwice() {
        String order = history(EVENTS);
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\"}";
        Api.Reply first = Api.post("/replays", body, "Idempotency-Key", key);
        String replayId = first.json().getString("replayId");
        awaitDone(replayId);
        assertEquals(EVENTS, drain().size());
        // as if the sender had died after the broker took the last page, before its progress was recorded
        db().execute("UPDATE replays SET status = 'RUNNING', finished_at = NULL, events_sent = 1000, "
                + "sent_through_id = ?, sender = gen_random_uuid(), updated_at = now() - interval '1 hour' "
                + "WHERE id = ?::uuid", Long.parseLong(eventRowIds(order).get(999)), replayId);

        Api.Reply retry = Api.post("/replays", body, "Idempotency-Key", key);
        assertEquals(202, retry.status(), retry.body());
        assertEquals(EVENTS, awaitDone(replayId).getInt("sent"));
        assertEquals(List.of(), drain(), "the broker dropped the page it had");
    }

    /** {@code events} events of a new order, straight into the event log; returns the order id. */
    static String history(int events) {
        String order = UUID.randomUUID().toString();
        db().execute("""
                INSERT INTO event_log (id, event_id, event_type, event_version, aggregate_type, aggregate_id,
                                       occurred_at, correlation_id, payload, destination, published_at)
                SELECT nextval(pg_get_serial_sequence('outbox', 'id')), gen_random_uuid(), 'order.completed', 1,
                       'order', ?, now(), ?, jsonb_build_object('orderId', ?::text), 'waybill.events', now()
                FROM generate_series(1, ?)""", order, order, order, events);
        return order;
    }

    private static List<String> eventIds(String order) {
        return column("SELECT event_id FROM event_history WHERE aggregate_id = ? ORDER BY id", order);
    }

    private static List<String> eventRowIds(String order) {
        return column("SELECT id FROM event_history WHERE aggregate_id = ? ORDER BY id", order);
    }

    private static List<String> column(String sql, String order) {
        List<String> values = new ArrayList<>();
        try (var c = db().connect(); var s = c.prepareStatement(sql)) {
            s.setString(1, order);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** A replay of the order by the test's operator, RUNNING but quiet for an hour, with {@code sent} events sent. */
    private static String stalledReplay(String order, String key, int sent) {
        String id = UUID.randomUUID().toString();
        List<String> rows = eventRowIds(order);
        db().execute("""
                INSERT INTO replays (id, requested_by, idempotency_key, order_id, status, events_total, events_sent,
                                     last_event_id, sent_through_id, sender, requested_at, updated_at)
                VALUES (?::uuid, ?, ?, ?::uuid, 'RUNNING', ?, ?, ?, ?, gen_random_uuid(), now() - interval '1 hour',
                        now() - interval '1 hour')""",
                id, TestStack.stack().settings().userInRole("operator").name(), key, order, (long) rows.size(),
                (long) sent, Long.parseLong(rows.get(rows.size() - 1)), Long.parseLong(rows.get(sent - 1)));
        return id;
    }

    static JsonObject replay(String id) {
        Api.Reply reply = Api.get("/replays/" + id);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static JsonObject awaitDone(String id) {
        return Eventually.await("replay " + id + " done", Duration.ofSeconds(60), () -> replay(id),
                r -> r.getString("status").equals("DONE"));
    }

    /** Every message the subscription has, until none comes for three seconds. */
    private List<Message> drain() {
        List<Message> received = new ArrayList<>();
        for (Message m = replayed.receive(3_000); m != null; m = replayed.receive(3_000)) {
            received.add(m);
        }
        return received;
    }

    private static List<String> properties(List<Message> messages, String name) {
        return messages.stream().map(m -> property(m, name)).toList();
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
