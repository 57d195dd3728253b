package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * No wait for a row lock is endless. A transaction prepared in a two-phase commit keeps its row locks until recovery
 * commits or rolls it back, and no session timeout ends it; here an open transaction of the test holds the rows
 * instead, which PostgreSQL makes others wait for the same way. A step waiting for them gives up after the
 * datasource's lock_timeout (WAYBILL_DB_LOCK_TIMEOUT, 10 s in the tests) and is retried; a request gets a 503 it may
 * retry; both go on once the rows are free.
 */
@ArquillianTest
class LockWaitsIT {
    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aStepAndARequestWaitingForAHeldRowGiveUpAndGoOnOnceItIsFree() throws SQLException {
        db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES ('IT-LOCK-01', 'Locked', 1.00, 5)");
        try (Connection holder = db().connect()) {
            holder.setAutoCommit(false);
            // Inventory's own lock, which new orders' foreign keys must pass: the order is accepted while it is held.
            HeldRows.product(holder, "IT-LOCK-01");
            String id = Orders.place("lena", "tok_sandbox", "IT-LOCK-01:1");

            Eventually.await("inventory giving up on the held product row", Duration.ofSeconds(90),
                    () -> db().number("SELECT count(*) FROM delivery_holds WHERE consumer = 'inventory' AND aggregate_id = ?", id),
                    n -> n == 1);

            HeldRows.lock(holder, "SELECT 1 FROM orders WHERE id = ?::uuid FOR NO KEY UPDATE", id);
            Api.Reply cancel = Api.post("/orders/" + id + "/cancel", "{\"reason\": \"locked\"}");
            assertEquals(503, cancel.status(), cancel.body());
            assertTrue(cancel.contentType().startsWith("application/problem+json"), cancel.contentType());
            assertEquals("10", cancel.header("Retry-After"));
            assertEquals("PLACED", db().text("SELECT status FROM orders WHERE id = ?::uuid", id), "nothing changed");
            assertEquals(0, db().number("SELECT count(*) FROM event_history WHERE aggregate_id = ? "
                    + "AND event_type = 'order.cancellation-requested'", id), "no cancel written");

            holder.rollback();
            assertEquals("COMPLETED", Orders.awaitFinal(id).getString("status"), "the retried step went on");
        }
    }
}
