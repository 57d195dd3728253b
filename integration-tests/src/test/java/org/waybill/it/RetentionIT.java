package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/**
 * The tables that grow with every event are purged past their retention (inbox 30 days, event log 90, operator
 * actions 365, step statistics 1), and nothing younger is touched. The test stack runs the purge every 3 s.
 */
@ArquillianTest
class RetentionIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void rowsPastTheirRetentionArePurgedAndYoungerOnesStay() {
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

        Eventually.await("the rows past their retention to be purged", Duration.ofSeconds(60), () -> remaining(old),
                n -> n == 0);

        assertEquals(4, remaining(young), "every younger row stays");
    }

    /** How many of the four test rows with this id are left. */
    private static long remaining(String id) {
        return db().number("SELECT (SELECT count(*) FROM inbox WHERE event_id = ?::uuid)"
                + " + (SELECT count(*) FROM event_log WHERE event_id = ?::uuid)"
                + " + (SELECT count(*) FROM operator_actions WHERE message_id = ?)"
                + " + (SELECT count(*) FROM step_statistics WHERE node = ?)", id, id, id, id);
    }
}
