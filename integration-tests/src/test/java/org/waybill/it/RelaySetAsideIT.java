package org.waybill.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * An outbox row the broker keeps refusing does not stop the relay: after a bounded number of refusals it is set
 * aside with its reason, visible to operators and retryable, while every other order's events flow. The refusal is
 * the broker's own: the application's user may not send to an address outside {@code waybill.#} (broker.xml).
 */
@ArquillianTest
class RelaySetAsideIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aRowTheBrokerRefusesIsSetAsideWhileOtherOrdersFlowAndCanBeRetried() {
        String refusedOrder = "it-refused-" + UUID.randomUUID();
        long first = refusedRow(refusedOrder);
        refusedRow(refusedOrder); // its order's next event, which must wait behind it

        List<String> placed = new ArrayList<>();
        Eventually.await("the refused row set aside while orders keep coming", Duration.ofSeconds(90), () -> {
            placed.add(Orders.place("xavi", "tok_sandbox", "WB-NOTE-A5:1"));
            return db().number("SELECT count(*) FROM outbox WHERE id = ? AND set_aside_at IS NOT NULL", first);
        }, n -> n == 1);
        placed.forEach(id -> Orders.awaitStatus(id, "COMPLETED"));

        assertEquals(2, db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", refusedOrder),
                "the set-aside row and its order's later one wait");
        JsonObject listed = only(Api.get("/outbox/set-aside"));
        assertEquals(first, listed.getJsonNumber("outboxId").longValue());
        assertEquals(5, listed.getInt("attempts"));
        assertTrue(listed.getString("lastError").contains("it.refused"), listed.toString());
        assertEquals(1, listed.getJsonNumber("waitingBehind").longValue());
        assertEquals(1, Api.get("/operations").json().getJsonObject("outbox").getInt("setAside"));

        // The cause fixed (here: the rows now go to an address the application may send to), an operator retries.
        db().execute("UPDATE outbox SET destination = 'waybill.replay' WHERE aggregate_id = ?", refusedOrder);
        assertEquals(202, Api.post("/outbox/set-aside/" + first + "/retry", "").status());
        Eventually.await("the retried row and the one behind it published", Duration.ofSeconds(30),
                () -> db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", refusedOrder),
                n -> n == 0);
        assertEquals(404, Api.post("/outbox/set-aside/" + first + "/retry", "").status(), "nothing set aside any more");
    }

    private static JsonObject only(Api.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonArray rows = Json.createReader(new StringReader(reply.body())).readArray();
        assertEquals(1, rows.size(), reply.body());
        return rows.getJsonObject(0);
    }

    /** An event of the order to an address the broker refuses the application; returns its outbox id. */
    private static long refusedRow(String order) {
        return db().number("""
                INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, payload, destination)
                VALUES (gen_random_uuid(), 'it.probe', 1, 'order', ?, now(), ?, '{}'::jsonb, 'it.refused')
                RETURNING id""", order, order);
    }
}
