package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * How the message-driven beans receive their deliveries, as WildFly resolved META-INF/jboss-ejb3.xml in the messaging
 * mode under test (this IT runs in both): in the xa mode in an XA transaction with the broker's session, otherwise
 * without a transaction, acknowledged after the step. Either way a failed attempt is one line in the log. The step's
 * database work runs on the datasource pool the mode needs (configure-datasource.cli).
 */
@ArquillianTest
class DeliveryTransactionModeIT {
    private static final List<String> CONSUMERS = List.of("ordering", "inventory", "payment", "shipping", "notification",
            "email");

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void everyConsumerReceivesItsDeliveriesAsTheMessagingModeNeeds() {
        Orders.awaitStatus(Orders.place("mona", "tok_sandbox", "WB-CAP-01:1"), "COMPLETED");
        boolean xa = System.getProperty("waybill.it.messaging-mode", "at-least-once").equals("xa");
        String log = ServerLog.text(serverLog());
        for (String consumer : CONSUMERS) {
            assertTrue(log.contains(consumer + " receives its deliveries " + (xa
                    ? "in an XA transaction with the broker's session (messaging mode xa)"
                    : "without a transaction, acknowledged after the step (messaging mode at-least-once)")), consumer);
        }
        assertFalse(log.contains("does not expect"), "no consumer runs otherwise than its mode needs");
    }

    /**
     * xa: the XA pool, whose branch can commit with the broker's. Otherwise the local-transaction pool, whose driver
     * sends a transaction's BEGIN with its first statement instead of as a round trip of its own. A step held at a row
     * lock shows in PostgreSQL which pool's session it runs on.
     */
    @Test
    void aStepRunsOnTheDatasourcePoolTheMessagingModeNeeds() throws SQLException {
        boolean xa = System.getProperty("waybill.it.messaging-mode", "at-least-once").equals("xa");
        db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES ('IT-POOL-01', 'Pooled', 1.00, 5)");
        String order;
        try (Connection holder = db().connect()) {
            holder.setAutoCommit(false);
            HeldRows.product(holder, "IT-POOL-01");
            int holderPid = HeldRows.backendPid(holder);
            order = Orders.place("olga", "tok_sandbox", "IT-POOL-01:1");
            // Only the sessions this row blocks, not whichever waits on some lock of its own meanwhile.
            String waiting = Eventually.await("inventory's step waiting for the held product row", Duration.ofSeconds(60),
                    () -> db().text("SELECT coalesce(string_agg(application_name, ','), '') FROM pg_stat_activity "
                            + "WHERE ? = ANY (pg_blocking_pids(pid))", holderPid),
                    names -> !names.isEmpty());
            assertEquals(xa ? "waybill-xa" : "waybill", waiting);
            holder.rollback();
        }
        Orders.awaitStatus(order, "COMPLETED");
    }

    @Test
    void aFailedDeliveryAttemptIsOneLineAndTheMessageComesAgain() {
        var mail = TestStack.stack().mail();
        long mark = ServerLog.text(serverLog()).length();
        String order;
        mail.pause();
        try {
            order = Orders.place("nina", "tok_sandbox", "WB-CAP-01:1");
            Eventually.await("the receipt of " + order + " failed twice", Duration.ofSeconds(60),
                    () -> attempts(ServerLog.text(serverLog()).substring((int) mark), order), n -> n >= 2);
        } finally {
            mail.resume();
        }
        Orders.awaitStatus(order, "COMPLETED");
        String slice = ServerLog.text(serverLog()).substring((int) mark);
        assertTrue(attempts(slice, order) >= 2, slice);
        assertFalse(slice.contains("AMQ154004"), "the resource adapter's error for a requested redelivery is dropped");
        assertFalse(slice.contains("AMQ212009"), "so is its session reset");
        assertEquals(1, mail.about(order).size(),
                "one receipt");
    }

    /**
     * The email worker's failed attempts at the order in a piece of log: one line each, attempts 1, 2, ... in turn
     * (another order that meets the paused mail server meanwhile has attempts of its own).
     */
    private static int attempts(String log, String order) {
        Matcher attempt = Pattern.compile("WARNING \\[org\\.waybill\\.messaging\\.EventDelivery] .* email failed on .* "
                + "of order " + Pattern.quote(order) + " \\(attempt (\\d+)\\)").matcher(log);
        int count = 0;
        while (attempt.find()) {
            count++;
            assertEquals(count, Integer.parseInt(attempt.group(1)), log);
        }
        return count;
    }

    private static Path serverLog() {
        return TestStack.stack().node(1).serverLog();
    }
}
