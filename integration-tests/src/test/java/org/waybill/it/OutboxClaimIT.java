package org.waybill.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.waybill.outbox.OutboxClaim;
import org.waybill.outbox.OutboxEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The relay's claim query with several relays at once, on the real PostgreSQL. It runs in a schema of its own,
 * migrated by the application's Flyway migrations, so the live relay of the deployed application does not take part.
 */
class OutboxClaimIT {
    private static final String SCHEMA = "relay_claim_it";

    @BeforeEach
    void freshOutbox() throws SQLException {
        TestStack.freshSchema(SCHEMA);
    }

    @AfterEach
    void dropOutbox() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void aRelayNeverOvertakesAnotherRelaysEventOfTheSameAggregate() throws SQLException {
        insert("A", "B", "A"); // ids 1 (A), 2 (B), 3 (A)
        try (Connection first = transaction(); Connection second = transaction()) {
            assertEquals(List.of(1L), claim(first, 1), "first relay takes A's first event");
            assertEquals(List.of(2L), claim(second, 10), "second relay skips the locked row and holds back A's second event");
            markPublished(first, List.of(1L));
            first.commit();
            markPublished(second, List.of(2L));
            second.commit();
        }
        try (Connection third = transaction()) {
            assertEquals(List.of(3L), claim(third, 10), "A's second event, once its first is published");
            third.rollback();
        }
    }

    @Test
    void aRelayHangingOnItsBatchStallsItsOwnOrdersOnlyWhateverTheirBacklog() throws SQLException {
        insert("A", "A", "A", "A", "A", "A", "B", "A", "C"); // A's head 1, then more of A than a batch holds
        try (Connection hung = transaction(); Connection other = transaction()) {
            assertEquals(List.of(1L), claim(hung, 1), "the first relay takes A's head, then hangs");
            assertEquals(List.of(7L, 9L), claim(other, 2), "B and C flow; A waits for its head");
            hung.rollback();
            other.rollback();
        }
    }

    @Test
    void oneRelayTakesAnAggregatesConsecutiveEventsInOneBatch() throws SQLException {
        insert("A", "A", "B", "A");
        try (Connection relay = transaction()) {
            assertEquals(List.of(1L, 2L, 3L, 4L), claim(relay, 10));
            relay.rollback();
        }
    }

    @Test
    void concurrentRelaysPublishEveryEventOnceAndEachAggregateInOrder() throws Exception {
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            aggregates.add("order-" + (i % 25));
        }
        Collections.shuffle(aggregates, new java.util.Random(42));
        insert(aggregates.toArray(String[]::new));

        AtomicLong commitSequence = new AtomicLong();
        List<long[]> published = Collections.synchronizedList(new ArrayList<>()); // {commit sequence, event id}
        ExecutorService relays = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            running.add(relays.submit(() -> {
                try (Connection c = transaction()) {
                    int idle = 0;
                    while (idle < 20) {
                        List<Long> batch = claim(c, 7);
                        if (batch.isEmpty()) {
                            c.rollback();
                            idle++;
                            Thread.sleep(5);
                            continue;
                        }
                        idle = 0;
                        markPublished(c, batch);
                        synchronized (commitSequence) { // the order commits become visible in
                            c.commit();
                            long seq = commitSequence.incrementAndGet();
                            batch.forEach(id -> published.add(new long[] {seq, id}));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        relays.shutdown();

        assertEquals(600, published.size(), "every event published");
        assertEquals(600, published.stream().mapToLong(p -> p[1]).distinct().count(), "no event published twice");
        Map<String, List<long[]>> byAggregate = new HashMap<>();
        published.forEach(p -> byAggregate.computeIfAbsent(aggregates.get((int) p[1] - 1), k -> new ArrayList<>()).add(p));
        byAggregate.forEach((aggregate, events) -> {
            events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i - 1)[1] < events.get(i)[1], aggregate + " published out of order");
            }
        });
    }

    @Test
    void aBacklogArrivingAfterTheDrainedOutboxWasAnalyzedCostsABatchNotTheBacklog() throws SQLException {
        int max = 10;
        try (Connection c = transaction(); Statement s = c.createStatement()) {
            // The statistics stay where a burst after an idle period finds them: the outbox drained and analyzed,
            // the backlog not yet. The schema, with this setting and the rows, is dropped after the test.
            s.execute("ALTER TABLE outbox SET (autovacuum_enabled = false)");
            s.execute(interleaved(2_000, "now()"));
            c.commit();
            s.execute("ANALYZE outbox");
            c.commit();
            s.execute(interleaved(20_000, "NULL"));
            c.commit();

            QueryPlan plan = QueryPlan.analyzed(c, OutboxClaim.SQL, max);
            c.rollback();
            assertEquals(max, plan.rows(), "a full batch claimed");
            assertEquals(1, plan.mostLoops("outbox"), "no read of the outbox repeated per row of another:\n" + plan);
            assertTrue(plan.rowsRead("outbox") <= 4 * 10 * max,
                    "the claim reads a few fronts' worth of rows, not the backlog:\n" + plan);
        }
    }

    private static Connection connect() throws SQLException {
        return db().connect();
    }

    private static Connection transaction() throws SQLException {
        Connection c = connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA); // outside a transaction, so no rollback undoes it
        }
        c.setAutoCommit(false);
        return c;
    }

    private static void insert(String... aggregates) throws SQLException {
        try (Connection c = transaction(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, payload)
                VALUES (gen_random_uuid(), 'it.probe', 1, 'order', ?, now(), ?, '{}'::jsonb)""")) {
            for (String aggregate : aggregates) {
                s.setString(1, aggregate);
                s.setString(2, aggregate);
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        }
    }

    /** Rows of 1,000 orders taking turns, published at the given SQL expression (NULL: waiting). */
    private static String interleaved(int rows, String publishedAt) {
        return """
                INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, payload, published_at)
                SELECT gen_random_uuid(), 'it.probe', 1, 'order', 'order-' || (g %% 1000), now(), 'it', '{}'::jsonb, %s
                  FROM generate_series(1, %d) g""".formatted(publishedAt, rows);
    }

    /** The relay's own claim, as it reads the rows ({@link OutboxClaim#rows}). */
    private static List<Long> claim(Connection c, int max) throws SQLException {
        return OutboxClaim.rows(c, max).stream().map(OutboxEvent::id).toList();
    }

    private static void markPublished(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        }
    }
}
