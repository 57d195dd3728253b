package org.waybill.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/** Operators list, retry and discard dead letters; every action is audited. */
@ArquillianTest
class DeadLetterIT {
    /** Who the audit names: the operator the test client signs in as. */
    private static final String OPERATOR = "olivia";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aParkedMessageIsListedWithItsReasonAndDiscardedWithAnAuditedReason() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        Broker.sendUnprocessableTo(aggregate);
        JsonObject first = awaitLetter("waybill.events.inventory", aggregate);
        assertTrue(first.getString("reason").contains("inventory does not handle order.created v7"), first.toString());
        assertEquals("{\"hello\":1}", first.getString("payload"));
        assertEquals("inventory", first.getString("consumer"));

        // Sent back to inventory's subscription, it is still poison, and parked again, counted as retried once.
        Api.Reply retried = Api.post("/dead-letters/waybill.events.inventory/" + first.getString("messageId") + "/retry", "");
        assertEquals(200, retried.status(), retried.body());
        JsonObject letter = Eventually.await("the retried message parked again", Duration.ofSeconds(30),
                () -> find(Api.get("/dead-letters/waybill.events.inventory").body(), aggregate),
                l -> l != null && l.getInt("retries") == 1);
        String messageId = letter.getString("messageId");
        String path = "/dead-letters/waybill.events.inventory/" + messageId;

        assertEquals(400, Api.post(path + "/discard", "{}").status(), "a discard needs a reason");
        assertEquals(404, Api.post("/dead-letters/no.such.queue/" + messageId + "/discard", "{\"reason\":\"x\"}").status());
        Api.Reply discarded = Api.post(path + "/discard", "{\"reason\":\"test message, never valid\"}");
        assertEquals(200, discarded.status(), discarded.body());

        assertTrue(find(Api.get("/dead-letters/waybill.events.inventory").body(), aggregate) == null, "gone from the DLQ");
        assertEquals(404, Api.post(path + "/retry", "").status(), "already discarded");
        assertEquals("RETRY " + OPERATOR + ", DISCARD " + OPERATOR + " test message, never valid", db().text(
                "SELECT string_agg(action || ' ' || actor || coalesce(' ' || reason, ''), ', ' ORDER BY id) "
                        + "FROM operator_actions WHERE event_id = ?", first.getString("eventId")));
        // The operator's lines name the letter's order in the log context, as every line written for an order does.
        String log = ServerLog.text(TestStack.stack().node(1).serverLog());
        for (String done : List.of("retried", "discarded")) {
            assertTrue(Pattern.compile("\\[" + aggregate + " [^\\]]*\\] " + OPERATOR + " " + done + " order.created ")
                    .matcher(log).find(), "no line '[" + aggregate + " ...] " + OPERATOR + " " + done + " ...'");
        }
    }

    @Test
    void receiptsThatFailedWhileTheMailServerWasDownAreRetriedOnceItIsBack() {
        var mail = TestStack.stack().mail();
        String first;
        String second;
        JsonObject letter;
        mail.pause();
        try {
            first = Orders.place("vera", "tok_sandbox", "WB-CAP-01:1");
            second = Orders.place("walt", "tok_sandbox", "WB-CAP-01:1");
            // 5 attempts with 1, 2, 4, 8 s between them, then the broker dead-letters the e-mail work items.
            letter = awaitLetter("waybill.email", first);
            awaitLetter("waybill.email", second);
        } finally {
            mail.resume();
        }
        assertTrue(letter.getString("reason").startsWith("delivery attempts exhausted"), letter.toString());
        assertEquals("SHIPMENT_SCHEDULED", Orders.get(first).getString("status"), "the order waits for its receipt");

        // An operator retries one; the re-drive sends back the other (and leaves consumer-parked poison alone).
        Api.Reply retried = Api.post("/dead-letters/waybill.email/" + letter.getString("messageId") + "/retry", "");
        assertEquals(200, retried.status(), retried.body());
        Api.Reply redriven = Api.post("/dead-letters/redrive", "");
        assertEquals(200, redriven.status(), redriven.body());
        assertTrue(redriven.json().getInt("retried") >= 1, redriven.body());

        for (String id : new String[] {first, second}) {
            Orders.awaitStatus(id, "COMPLETED");
            assertEquals(1, mail.about(id).size(), "one receipt for " + id);
        }
        assertEquals("RETRY " + OPERATOR, db().text("SELECT action || ' ' || actor FROM operator_actions WHERE event_id = ?",
                letter.getString("eventId")));
        assertEquals(1, db().number("SELECT count(*) FROM operator_actions WHERE actor = ? "
                + "AND event_id IN (SELECT event_id::text FROM event_history WHERE aggregate_id = ?)",
                OPERATOR + " (re-drive)", second));
    }

    @Test
    void aReDriveSendsEachMessageBackOnItsOwnSoOneThatFailsHoldsBackNoOther() throws Exception {
        String failing = UUID.randomUUID().toString();
        List<String> others = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String failingEvent = Broker.deadLetterUnprocessable(failing);
        Map<String, String> otherEvents = new HashMap<>();
        for (String order : others) {
            otherEvents.put(order, Broker.deadLetterUnprocessable(order));
        }
        // Its audit record cannot be written: its retry fails after taking it off the DLQ and sending the copy, uncommitted.
        db().execute("""
                CREATE FUNCTION dead_letter_it_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'injected fault: the audit record of % cannot be written', NEW.event_id;
                END $$""");
        db().execute("CREATE TRIGGER dead_letter_it_fail BEFORE INSERT ON operator_actions FOR EACH ROW "
                + "WHEN (NEW.event_id = '" + failingEvent + "') EXECUTE FUNCTION dead_letter_it_fail()");
        try {
            Api.Reply redriven = Api.post("/dead-letters/redrive", "");
            assertEquals(200, redriven.status(), redriven.body());
            assertTrue(redriven.json().getInt("retried") >= others.size(), redriven.body());
            for (String order : others) {
                // Sent back, still poison: inventory parks it again, counted as retried once, and the retry audited.
                Eventually.await("the re-driven message of " + order + " parked again", Duration.ofSeconds(30),
                        () -> find(Api.get("/dead-letters/waybill.events.inventory").body(), order),
                        l -> l != null && l.getInt("retries") == 1 && l.getString("consumer", null) != null);
                assertEquals(1, auditedRetries(otherEvents.get(order)), "the retry of " + order + " audited once");
            }
            // The failing one was not sent: it is still in the DLQ as it was, and nothing says it was retried.
            JsonObject kept = find(Api.get("/dead-letters/waybill.events.inventory").body(), failing);
            assertTrue(kept != null && kept.getInt("retries") == 0 && kept.getString("consumer", null) == null, String.valueOf(kept));
            assertEquals(0, db().number("SELECT count(*) FROM operator_actions WHERE event_id = ?", failingEvent));
            assertTrue(Api.post("/dead-letters/waybill.events.inventory/" + kept.getString("messageId") + "/discard",
                    "{\"reason\":\"cannot be audited\"}").status() >= 500, "its discard cannot be recorded either");
            assertEquals(0, db().number("SELECT count(*) FROM inbox WHERE event_id = ?::uuid", failingEvent),
                    "not counted as done");
        } finally {
            db().execute("DROP FUNCTION dead_letter_it_fail() CASCADE");
        }
        // Once the cause is gone, the next re-drive sends it back.
        Api.Reply redriven = Api.post("/dead-letters/redrive", "");
        assertEquals(200, redriven.status(), redriven.body());
        Eventually.await("the message of " + failing + " re-driven at last", Duration.ofSeconds(30),
                () -> find(Api.get("/dead-letters/waybill.events.inventory").body(), failing),
                l -> l != null && l.getInt("retries") == 1);
        assertEquals(1, auditedRetries(failingEvent));
    }

    private static long auditedRetries(String eventId) {
        return db().number("SELECT count(*) FROM operator_actions WHERE action = 'RETRY' AND actor = ? AND event_id = ?",
                OPERATOR + " (re-drive)", eventId);
    }

    private static JsonObject awaitLetter(String queue, String aggregateId) {
        return Eventually.await("a dead letter of " + aggregateId + " in DLQ." + queue, Duration.ofSeconds(60),
                () -> find(Api.get("/dead-letters/" + queue).body(), aggregateId), l -> l != null);
    }

    private static JsonObject find(String listJson, String aggregateId) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(listJson))) {
            JsonArray letters = reader.readArray();
            return letters.getValuesAs(JsonObject.class).stream()
                    .filter(l -> aggregateId.equals(l.getString("aggregateId", null))).findFirst().orElse(null);
        }
    }
}
