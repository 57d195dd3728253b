package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/** While PostgreSQL is down requests get a clear 503; once it is back the system works again by itself. */
@ArquillianTest
class DatabaseOutageIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void requestsDuringADatabaseOutageGetA503AndTheSystemRecoversAlone() throws Exception {
        // This run's own customers: what is stored is checked against what each reply said, whatever the timing.
        String run = Long.toString(System.nanoTime(), 36);
        String during = "xena-" + run;
        String after = "yuri-" + run;
        List<Integer> duringReplies = new ArrayList<>();
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            try {
                TestStack.stack().restartDatabase(Duration.ofSeconds(8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Probes start before PostgreSQL is down (those may be accepted), and go on until one meets the outage.
        Api.Reply refused = Eventually.await("a 503 while the database is down", Duration.ofSeconds(20),
                () -> place(during, duringReplies), r -> r.status() == 503);
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(503, refused.json().getInt("status"));
        outage.get();

        String id = Eventually.await("orders accepted again", Duration.ofSeconds(60),
                () -> place(after, new ArrayList<>()), r -> r.status() == 201).json().getString("id");
        Orders.awaitStatus(id, "COMPLETED");
        assertEquals(duringReplies.stream().filter(status -> status == 201).count(),
                db().number("SELECT count(*) FROM orders WHERE customer_id = ?", during),
                "an order is stored only when its reply said so, never behind a 503: " + duringReplies);
        assertEquals(1, db().number("SELECT count(*) FROM orders WHERE customer_id = ?", after),
                "only the order accepted after the outage");
    }

    /**
     * PostgreSQL killed (SIGKILL, as when its machine fails), twice. First while an order is under way: what it was
     * answered and what its steps committed survives, and it completes once. Then right after the relay published:
     * the relay's commits do not wait for the disk, so its last marks go with the crash (the WAL writer held back
     * meanwhile, which would flush them within 0.6 s); the events are sent again, and each leaves the outbox once.
     */
    @Test
    void aCrashOfPostgresLosesOnlyTheRelaysLastMarksWhichItRedoes() throws Exception {
        String order = Orders.place("crash-" + Long.toString(System.nanoTime(), 36), "tok_sandbox", "WB-MUG-01:1");
        TestStack.stack().crashAndRestartDatabase();
        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(Orders.awaitStatus(order, "COMPLETED")),
                "the order's events, each once, in order");

        TestStack.stack().databaseSetting("wal_writer_delay", "10s");
        try {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(OutboxRows.appendEventOfAnotherNode());
                OutboxRows.notifyAsAnotherNode();
            }
            Eventually.await("the events published", Duration.ofSeconds(30),
                    () -> events.stream().allMatch(OutboxRows::published), published -> published);
            List<String> markedBefore = marks(events);
            TestStack.stack().crashAndRestartDatabase();

            Eventually.await("the events out of the outbox again", Duration.ofSeconds(90), () -> db().number(
                    "SELECT count(*) FROM outbox WHERE event_id::text = ANY (?)", (Object) array(events)),
                    waiting -> waiting == 0);
            assertEquals(events.size(), db().number("""
                    SELECT count(*) FROM event_history WHERE event_id::text = ANY (?) AND published_at IS NOT NULL""",
                    (Object) array(events)), "each event once in the history, published");
            List<String> markedAfter = marks(events);
            long redone = IntStream.range(0, events.size())
                    .filter(i -> !markedBefore.get(i).equals(markedAfter.get(i))).count();
            System.out.printf("DatabaseOutageIT: %d of %d marks lost with the crash and redone%n", redone,
                    events.size());
            assertTrue(redone > 0, "the crash took the last marks with it, else this test proves nothing");
        } finally {
            TestStack.stack().databaseSetting("wal_writer_delay", null);
        }
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    /** When each event was marked published, in the order given. */
    private static List<String> marks(List<String> events) {
        return List.of(db().text("""
                SELECT string_agg(h.published_at::text, ',' ORDER BY e.n)
                  FROM unnest(?::text[]) WITH ORDINALITY AS e(id, n)
                  JOIN event_history h ON h.event_id::text = e.id""", (Object) array(events)).split(","));
    }

    private static Api.Reply place(String customer, List<Integer> replies) {
        Api.Reply reply = Api.post("/orders", "{\"customerId\":\"" + customer
                + "\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}");
        replies.add(reply.status());
        return reply;
    }
}
