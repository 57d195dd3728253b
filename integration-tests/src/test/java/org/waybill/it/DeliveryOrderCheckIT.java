package org.waybill.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.waybill.messaging.DeliveryOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The check every delivery makes before its step ({@link DeliveryOrder#CHECK}) reads the order's own events,
 * whatever the outbox holds and whatever its statistics say, and records the event in the inbox only when no earlier
 * one waits. The outbox is a queue: sampled between bursts it holds a
 * few rows of one order or none, and a plan built on that (walk the outbox in id order until a row of the order turns
 * up) read every waiting row of every other order on each delivery. The statistics are kept only for the columns
 * queries use: autovacuum analyzes the event log about once a minute while orders flow. Runs in a schema of its own,
 * migrated by the application's Flyway migrations, so the deployed application does not take part.
 */
class DeliveryOrderCheckIT {
    private static final String SCHEMA = "delivery_order_it";
    private static final String CONSUMER = "payment";
    private static final String ORDER = "order-under-check";
    private static final int BACKLOG = 20_000;

    /** What the outbox's statistics say when a backlog arrives. */
    enum Statistics {
        /** Sampled while a few events of one order waited: one distinct order. */
        ONE_ORDER_WAITING(waiting(3, "'order-sampled'"), "ANALYZE outbox"),
        /** Vacuumed and analyzed while empty. */
        DRAINED("VACUUM ANALYZE outbox"),
        /**
         * Vacuumed and analyzed, with a few events of one order waiting, after a burst: the index by order keeps the
         * pages the burst spread it over, so by its statistics a row found through it costs a hundred pages.
         */
        AFTER_A_BURST(waiting(20_000, "gen_random_uuid()::text"), "DELETE FROM outbox", waiting(3, "'order-sampled'"),
                "VACUUM ANALYZE outbox"),
        /** Analyzed with the backlog in it: the statistics are right. */
        BACKLOG_SAMPLED();

        private final String[] statements;

        Statistics(String... statements) {
            this.statements = statements;
        }
    }

    enum Plan {
        /** Planned for the values at hand, as the first executions of a statement on a connection are. */
        CUSTOM,
        /** Planned once for any values, as PostgreSQL goes on to run a statement prepared on the server. */
        GENERIC
    }

    @BeforeEach
    void freshSchema() throws SQLException {
        TestStack.freshSchema(SCHEMA);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    static Stream<Arguments> statisticsAndPlans() {
        return Arrays.stream(Statistics.values())
                .flatMap(statistics -> Arrays.stream(Plan.values()).map(plan -> Arguments.of(statistics, plan)));
    }

    @ParameterizedTest
    @MethodSource("statisticsAndPlans")
    void aBacklogOfOtherOrdersIsNotReadWhateverTheStatisticsSay(Statistics statistics, Plan plan) throws SQLException {
        QueryPlan check = checkUnderBacklog(statistics, plan);
        assertEquals(1, check.rows(), "the check answers one row");
        assertTrue(check.rowsRead("outbox") <= 10, statistics + ", " + plan + " plan: the check reads the order's"
                + " rows, not the " + BACKLOG + " waiting rows of other orders:\n" + check);
    }

    @Test
    void theCheckRecordsTheEventOnlyOnceAndOnlyWhenNoEarlierEventWaits() throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            s.execute(published(3));
            List<Object[]> events = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT id, event_id FROM event_log ORDER BY id")) {
                while (rows.next()) {
                    events.add(new Object[] {rows.getLong(1), rows.getObject(2)});
                }
            }
            Object[] third = events.get(2);
            s.execute("INSERT INTO inbox (consumer, event_id, processed_at) VALUES ('" + CONSUMER + "', '"
                    + events.get(0)[1] + "', now())");

            assertEquals(events.get(1)[1] + " waits, recorded false", check(c, third),
                    "the second event is not done: the third waits for it");
            assertEquals(0, inboxRows(s, third[1]), "a waiting event is not recorded");

            s.execute("INSERT INTO inbox (consumer, event_id, processed_at) VALUES ('" + CONSUMER + "', '"
                    + events.get(1)[1] + "', now())");
            assertEquals("none waits, recorded false", check(c, third, false),
                    "asked not to record, the check records nothing");
            assertEquals(0, inboxRows(s, third[1]));
            assertEquals("none waits, recorded true", check(c, third));
            assertEquals(1, inboxRows(s, third[1]));
            assertEquals("none waits, recorded false", check(c, third), "a second delivery is a duplicate");
            assertEquals(1, inboxRows(s, third[1]));
        }
    }

    @Test
    void theOutboxAndTheEventLogKeepNoStatisticsForColumnsNoQueryUses() throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            s.execute(published(3));
            s.execute(waiting(3, "'" + ORDER + "'"));
            s.execute("ANALYZE outbox, event_log");
            List<String> kept = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT tablename || '.' || attname FROM pg_stats WHERE schemaname = '"
                    + SCHEMA + "' AND tablename IN ('outbox', 'event_log') ORDER BY 1")) {
                while (rows.next()) {
                    kept.add(rows.getString(1));
                }
            }
            assertTrue(kept.containsAll(List.of("event_log.aggregate_id", "event_log.occurred_at", "outbox.aggregate_id",
                    "outbox.published_at")), "the columns the queries filter on keep their statistics: " + kept);
            List<String> unused = kept.stream()
                    .filter(column -> column.matches(".*\\.(payload|correlation_id|causation_id|traceparent|"
                            + "event_version|aggregate_type)"))
                    .toList();
            assertEquals(List.of(), unused, "ANALYZE sorts no sample of a column no query uses");
        }
    }

    private static String check(Connection c, Object[] event) throws SQLException {
        return check(c, event, true);
    }

    /** What the check answers for the event (id, event id), as DeliveryOrder reads it. */
    private static String check(Connection c, Object[] event, boolean record) throws SQLException {
        try (PreparedStatement check = c.prepareStatement(DeliveryOrder.CHECK)) {
            Object[] values = checkValues(c, (Long) event[0], event[1], record);
            for (int p = 0; p < values.length; p++) {
                check.setObject(p + 1, values[p]);
            }
            try (ResultSet found = check.executeQuery()) {
                found.next();
                Object earlier = found.getObject(2);
                return (earlier == null ? "none" : earlier) + " waits, recorded " + found.getBoolean(5);
            }
        }
    }

    private static int inboxRows(Statement s, Object eventId) throws SQLException {
        try (ResultSet rows = s.executeQuery("SELECT count(*) FROM inbox WHERE event_id = '" + eventId + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** In the order DeliveryOrder binds them, for the consumer's delivery of the event (id, event id). */
    private static Object[] checkValues(Connection c, long id, Object eventId, boolean record) throws SQLException {
        return new Object[] {ORDER, ORDER, id, eventId, "waybill.events",
                c.createArrayOf("varchar", new String[] {"order.created"}), OffsetDateTime.now().minusDays(30),
                CONSUMER, CONSUMER, eventId, record, CONSUMER, ORDER};
    }

    /** The order's first events, published and moved into the event log. */
    private static String published(int events) {
        return """
                INSERT INTO event_log (id, event_id, event_type, event_version, aggregate_type, aggregate_id,
                                       occurred_at, correlation_id, payload, published_at, destination)
                SELECT nextval('outbox_id_seq'), gen_random_uuid(), 'order.created', 1, 'order', '%s', now(), 'it',
                       '{}'::jsonb, now(), 'waybill.events'
                  FROM generate_series(1, %d)""".formatted(ORDER, events);
    }

    /** Rows waiting in the outbox, each of the order the SQL expression gives (g counts the rows). */
    private static String waiting(int rows, String order) {
        return """
                INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, payload)
                SELECT gen_random_uuid(), 'order.created', 1, 'order', %s, now(), 'it', '{}'::jsonb
                  FROM generate_series(1, %d) g""".formatted(order, rows);
    }

    /**
     * The order's first three events are published and done at the consumer, its fourth is being delivered; the outbox
     * holds a backlog of other orders' events written before it, with the statistics as given.
     */
    private static QueryPlan checkUnderBacklog(Statistics statistics, Plan plan) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            // The statistics stay as set up: the schema, with this setting and the rows, is dropped after the test.
            s.execute("ALTER TABLE outbox SET (autovacuum_enabled = false)");
            for (String statement : statistics.statements) {
                s.execute(statement);
            }
            s.execute("DELETE FROM outbox");
            s.execute(waiting(BACKLOG, "'order-' || md5((g % 1000)::text)"));
            if (statistics == Statistics.BACKLOG_SAMPLED) {
                s.execute("ANALYZE outbox");
            }
            s.execute(published(4));
            s.execute("INSERT INTO inbox (consumer, event_id, processed_at) SELECT '" + CONSUMER + "', event_id, now()"
                    + " FROM event_log ORDER BY id LIMIT 3");
            try (ResultSet last = s.executeQuery("SELECT id, event_id FROM event_log ORDER BY id DESC LIMIT 1")) {
                last.next();
                Object[] values = checkValues(c, last.getLong(1), last.getObject(2), true);
                return plan == Plan.CUSTOM
                        ? QueryPlan.analyzed(c, DeliveryOrder.CHECK, values)
                        : QueryPlan.analyzedGeneric(c, DeliveryOrder.CHECK, values);
            }
        }
    }
}
