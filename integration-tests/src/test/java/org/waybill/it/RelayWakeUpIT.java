package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.waybill.stack.ServerLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * Cross-node wake-up: this node notifies waybill_outbox after each commit that wrote events while another node listens,
 * and only then, and an event another node commits and notifies (here: the test, by SQL, as another node's transaction
 * and notifier would) is heard by this node's outbox listener (LISTEN waybill_outbox) and published. The node also polls every 500 ms, so a
 * publication alone proves nothing: the listener's count of notifications and its session in PostgreSQL do. The
 * latencies printed are for reading, not asserted.
 */
@ArquillianTest
class RelayWakeUpIT {
    /** The sessions that listen for outbox commits: the listener repeats its LISTEN as its check of the connection. */
    private static final String LISTENERS = "SELECT count(*) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND query = 'LISTEN waybill_outbox'";
    /** What another node's listener names its session (OutboxListener.SESSION_PREFIX and its node identifier). */
    private static final String OTHER_NODE_SESSION = "waybill-outbox-listener:another-node";
    private static final String LOST = "Outbox listener stopped listening";
    private static final String BACK = "Outbox listener listens again";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void anOrderPlacedHereNotifiesAnotherNodesListenerAfterItsCommit() throws Exception {
        try (Connection listener = listening(OTHER_NODE_SESSION)) {
            // the node looks for other nodes' listeners at most once a second: its first commits may not notify yet
            PGNotification[] heard = null;
            for (int order = 1; order <= 5 && (heard == null || heard.length == 0); order++) {
                Orders.place("wake-up", "tok_sandbox", "WB-MUG-01:1");
                heard = listener.unwrap(PGConnection.class).getNotifications(3_000);
            }
            assertTrue(heard != null && heard.length > 0, "a notification after an order's commits");
        }
    }

    @Test
    void anOrderPlacedHereNotifiesNobodyWhileNoOtherNodeListens() throws Exception {
        awaitOneListener();
        try (Connection listener = listening(null)) { // a session that listens, not named as a node's, as psql's
            PGConnection notifications = listener.unwrap(PGConnection.class);
            // a look of the node's within the last second may still count the session of the test before
            Eventually.await("an order whose commits notify nobody", Duration.ofSeconds(30),
                    () -> notificationsAfterAnOrder(notifications), heard -> heard == 0);
            for (int order = 1; order <= 3; order++) {
                assertEquals(0, notificationsAfterAnOrder(notifications), "notifications on a single node");
            }
        }
    }

    @Test
    void anEventAnotherNodeCommitsIsPublishedOnItsNotification() {
        awaitOneListener();
        publishedOnNotification("first");
    }

    @Test
    void theListenerListensAgainAfterPostgresRestartedAndSaysSoOnce() throws Exception {
        awaitOneListener();
        long lost = logLines(LOST);
        long back = logLines(BACK);

        TestStack.stack().restartDatabase(Duration.ofSeconds(5));
        long restarted = System.nanoTime();
        awaitOneListener();
        System.out.printf("RelayWakeUpIT: listening again %.1f s after PostgreSQL was back%n",
                (System.nanoTime() - restarted) / 1e9);

        publishedOnNotification("after the restart");
        Eventually.await("the listener's log line on recovery", Duration.ofSeconds(10), () -> logLines(BACK),
                n -> n > back);
        assertEquals(lost + 1, logLines(LOST), "one line when the connection was lost, not one per attempt");
        assertEquals(back + 1, logLines(BACK), "one line when it listens again");
    }

    private static void awaitOneListener() {
        Eventually.await("this node's outbox listener in PostgreSQL", Duration.ofSeconds(90),
                () -> db().number(LISTENERS), n -> n == 1);
    }

    /** Commits an event by SQL, sees this node hear of it and publish it; prints the time to publication. */
    private static void publishedOnNotification(String when) {
        double heard = notificationsHeard();
        String eventId = OutboxRows.appendEventOfAnotherNode();
        OutboxRows.notifyAsAnotherNode();
        Eventually.await("the event published", Duration.ofSeconds(30), () -> OutboxRows.published(eventId),
                published -> published);
        System.out.printf("RelayWakeUpIT: %s event published %d ms after its commit%n", when, db().number("""
                SELECT (extract(epoch FROM published_at - occurred_at) * 1000)::bigint FROM event_history
                 WHERE event_id = ?::uuid""", eventId));
        assertTrue(Eventually.await("the listener's count of notifications", Duration.ofSeconds(10),
                RelayWakeUpIT::notificationsHeard, n -> n > heard) > heard);
    }

    private static double notificationsHeard() {
        return PrometheusText.value(PrometheusText.scrapeWildFly(), "waybill_relay_notifications_total");
    }

    /** Places an order, waits for it to end and for what its commits sent: the notifier runs after each commit. */
    private static int notificationsAfterAnOrder(PGConnection notifications) {
        Orders.awaitFinal(Orders.place("wake-up", "tok_sandbox", "WB-MUG-01:1"));
        try {
            PGNotification[] heard = notifications.getNotifications(1_500);
            return heard == null ? 0 : heard.length;
        } catch (SQLException e) {
            throw new AssertionError("cannot read notifications", e);
        }
    }

    /** A new session listening on the channel, named as a Waybill node's listener names its own when given a name. */
    private static Connection listening(String applicationName) throws SQLException {
        Connection listener = db().connect();
        try (Statement s = listener.createStatement()) {
            if (applicationName != null) {
                s.execute("SET application_name TO '" + applicationName + "'");
            }
            s.execute("LISTEN waybill_outbox");
        }
        return listener;
    }

    private static long logLines(String text) {
        Path log = TestStack.stack().settings().home().resolve("wildfly/standalone/log/server.log");
        return ServerLog.lines(log).stream().filter(line -> line.contains(text)).count();
    }
}
