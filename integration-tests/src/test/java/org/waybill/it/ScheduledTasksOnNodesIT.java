package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.outbox.EventLogMove;
import org.waybill.platform.Election;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/**
 * The scheduled tasks with several nodes on one database. This suite runs one WildFly, so the test plays the other
 * node: for a task that runs on one node at a time, it holds that task's election as a node would; for one that every
 * node runs, it runs the task's statement itself, alongside.
 */
@ArquillianTest
class ScheduledTasksOnNodesIT {
    /** The retention purge runs every 3 s in the test stack (WAYBILL_RETENTION_INTERVAL_SECONDS). */
    private static final Duration PURGE_PERIOD = Duration.ofSeconds(3);
    private static final String SCHEMA = "cleanup_nodes_it";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    /**
     * While another node holds the purge's election, this one does not purge; when that node dies (its connection
     * ends without an unlock), this one is elected at its next run. That the test gets the election at all shows
     * that the server's runs, every 3 s, leave none behind on their pooled connections.
     */
    @Test
    void theRetentionPurgeWaitsWhileAnotherNodeIsElectedAndTakesOverWhenThatNodeDies() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection otherNode = db().connect()) {
            Eventually.await("the purge's election, between two of the server's runs", Duration.ofSeconds(30),
                    () -> elected(otherNode, "RetentionPurge"), elected -> elected);
            db().execute("INSERT INTO operator_actions (at, actor, action, queue, message_id) "
                    + "VALUES (now() - interval '366 days', 'nodes-it', 'RETRY', 'waybill.email', ?)", id);
            Thread.sleep(PURGE_PERIOD.multipliedBy(4).toMillis()); // the server's purge comes round several times
            assertEquals(1, auditRows(id), "no purge while another node is elected");
        }
        Eventually.await("the purge on the server once the elected node is gone", Duration.ofSeconds(30),
                () -> auditRows(id), rows -> rows == 0);
    }

    /**
     * Two nodes cleaning the outbox at once (every node runs the cleanup) move different rows: the second passes over
     * the rows the first is moving instead of waiting for them, and no row reaches the event log twice (its primary
     * key would refuse it). On the real PostgreSQL, in a schema of its own so that the server's cleanup is not
     * involved.
     */
    @Test
    void twoNodesCleaningTheOutboxAtOnceMoveDifferentRowsWithoutWaiting() throws Exception {
        TestStack.freshSchema(SCHEMA);
        try {
            insertPublished(10);
            try (Connection first = transaction(); Connection second = transaction()) {
                assertEquals(4, move(first, 4), "the first node moves a batch, not yet committed");
                try (Statement s = second.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '5s'"); // waiting for the first node's rows fails the test
                }
                assertEquals(6, move(second, 100), "the second node moves the rest meanwhile");
                first.commit();
                second.commit();
            }
            insertPublished(600);
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            List<Future<Integer>> moving = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                moving.add(nodes.submit(() -> {
                    int moved = 0;
                    try (Connection c = transaction()) {
                        for (int batch = move(c, 7); batch > 0; batch = move(c, 7)) {
                            c.commit();
                            moved += batch;
                        }
                        c.commit();
                    }
                    return moved;
                }));
            }
            int moved = 0;
            for (Future<Integer> node : moving) {
                moved += node.get();
            }
            nodes.shutdown();
            assertEquals(600, moved, "each row moved by one node");
            assertEquals(610, count("SELECT count(*) FROM event_log"));
            assertEquals(0, count("SELECT count(*) FROM outbox"));
        } finally {
            try (Connection c = db().connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }

    /** Takes the task's election on this connection, as {@link Election} does on a node. */
    private static boolean elected(Connection c, String task) {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, Election.NAMESPACE);
            s.setInt(2, task.hashCode());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long auditRows(String messageId) {
        return db().number("SELECT count(*) FROM operator_actions WHERE message_id = ?", messageId);
    }


    private static Connection transaction() throws SQLException {
        Connection c = db().connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA); // outside a transaction, so no rollback undoes it
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Rows published an hour ago, past the cleanup's retention. */
    private static void insertPublished(int rows) throws SQLException {
        try (Connection c = transaction(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, payload, published_at)
                SELECT gen_random_uuid(), 'it.probe', 1, 'order', 'order-' || n, now() - interval '1 hour',
                       'order-' || n, '{}'::jsonb, now() - interval '1 hour' + n * interval '1 ms'
                  FROM generate_series(1, ?) AS n""")) {
            s.setInt(1, rows);
            s.executeUpdate();
            c.commit();
        }
    }

    /** One batch of the cleanup, as the server runs it, with a retention of one minute. */
    private static int move(Connection c, int max) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EventLogMove.MOVE.replace(":retentionSeconds", "60")
                .replace(":max", String.valueOf(max)))) {
            return s.executeUpdate();
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = transaction(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
