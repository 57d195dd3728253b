package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/**
 * The tables that grow with every event are purged past their retention (inbox 30 days, event log 90, operator
 * actions 365, step statistics 1), and nothing younger is touched. The test stack runs the purge every 3 s. A purge
 * logs nothing but its count: until 2026-12-07 each batch's commit left an {@code IJ000152} stack trace (the batch's
 * connection closed after its invocation, inside the election's, which holds a connection of the same pool).
 */
@ArquillianTest
class RetentionIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void rowsPastTheirRetentionArePurgedAndYoungerOnesStay() {
        long mark = ServerLog.text(serverLog()).length();
        String old = UUID.randomUUID().toString();
        String young = UUID.randomUUID().toString();
        for (String[] age : new String[][]{{old, "31 days", "91 days", "366 days", "2 days"},
                {young, "29 days", "89 days", "364 days", "23 hours"}}) {
            String id = age[0];
            db().execute("INSERT INTO inbox (consumer, event_id, processed_at) VALUES ('retention-it', ?::uuid, now() - ?::interval)",
                    id, age[1]);
            db().execute("INSERT INTO event_log (id, event_id, event_type, event_version, aggregate_type, aggregate_id, "
                    + "occurred_at, correlation_id, payload, published_at, destination) SELECT nextval('outbox_id_seq'), ?::uuid, "
                    + "'retention.test', 1, 'order', ?, now() - ?::interval, ?, '{}'::jsonb, now() - ?::interval, 'waybill.events'",
                    id, id, age[2], id, age[2]);
            db().execute("INSERT INTO operator_actions (at, actor, action, queue, message_id) "
                    + "VALUES (now() - ?::interval, 'retention-it', 'RETRY', 'waybill.email', ?)", age[3], id);
            db().execute("INSERT INTO step_statistics (bucket, node, consumer, processed, failed, total_micros, max_micros) "
                    + "VALUES (date_trunc('minute', now() - ?::interval), ?, 'retention-it', 1, 0, 1, 1)", age[4], id);
        }

        // Replays: a DONE one past the retention goes; a younger DONE one, and RUNNING and FAILED ones of any age,
        // stay (the RUNNING one is not stalled, so nothing resumes it meanwhile).
        String oldReplay = replay("DONE", "100 days", "31 days");
        List<String> staying = List.of(replay("DONE", "100 days", "29 days"), replay("RUNNING", "100 days", null),
                replay("FAILED", "100 days", null));

        Eventually.await("the rows past their retention to be purged", Duration.ofSeconds(60),
                () -> remaining(old) + replays(List.of(oldReplay)), n -> n == 0);

        assertEquals(4, remaining(young), "every younger row stays");
        assertEquals(3, replays(staying), "younger and unfinished replays stay");
        String purging = ServerLog.text(serverLog()).substring((int) mark);
        assertEquals(Optional.empty(), purging.lines().filter(line -> line.contains("IJ000152")).findFirst(),
                "the pool's complaint of an unknown connection while purging");
    }

    private static Path serverLog() {
        return TestStack.stack().node(1).serverLog();
    }

    /** A replay row requested {@code age} ago, finished {@code finished} ago (null: not finished); returns its id. */
    private static String replay(String status, String age, String finished) {
        String id = UUID.randomUUID().toString();
        db().execute("INSERT INTO replays (id, requested_by, order_id, status, events_total, events_sent, last_event_id, "
                + "sent_through_id, requested_at, updated_at, finished_at) VALUES (?::uuid, 'retention-it', "
                + "gen_random_uuid(), ?, 0, 0, 0, 0, "
                + "now() - ?::interval, CASE WHEN ? = 'RUNNING' THEN now() + interval '1 hour' ELSE now() - ?::interval END, "
                + "now() - ?::interval)", id, status, age, status, age, finished);
        return id;
    }

    private static long replays(List<String> ids) {
        return db().number("SELECT count(*) FROM replays WHERE id::text = ANY(string_to_array(?, ','))",
                String.join(",", ids));
    }

    /** How many of the four test rows with this id are left. */
    private static long remaining(String id) {
        return db().number("SELECT (SELECT count(*) FROM inbox WHERE event_id = ?::uuid)"
                + " + (SELECT count(*) FROM event_log WHERE event_id = ?::uuid)"
                + " + (SELECT count(*) FROM operator_actions WHERE message_id = ?)"
                + " + (SELECT count(*) FROM step_statistics WHERE node = ?)", id, id, id, id);
    }
}
