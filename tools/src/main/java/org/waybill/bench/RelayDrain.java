package org.waybill.bench;

import org.waybill.load.ProcessStats;
import org.waybill.load.Database;
import org.waybill.load.Load;
import org.waybill.load.OwnStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/**
 * Waybill's relay alone: the outbox is filled with events for the benchmark queue in one transaction (as if many
 * orders had committed while the relay was away), then the relays of the running WildFly nodes drain it (each finds
 * it by its poll, as nothing told them of this commit). Timed from that commit until the last row is marked
 * published; then each node's count of what it published is read and the queue is consumed, to show duplicates.
 */
final class RelayDrain {
    private final OwnStack stack;
    private final ProcessStats processes;

    /**
     * Whether a row waits, not how many (a count reads the whole backlog), asked every 50 ms on one connection for the
     * whole drain, in the database the relays share: the last unpublished row by the relays' own index. Until
     * 2026-12-03 each ask opened a connection (a new PostgreSQL backend and its authentication, 20 a second) and let
     * the planner read the table from its start, through the rows the relays had already moved out: 16 ms of
     * PostgreSQL's time per ask on average over a drain (pg_stat_statements), measured as the relay's cost. Read from
     * the index's start, the ask still stepped over the entries of every row moved so far (until a vacuum removes
     * them): 2.2 ms a call in a drain. The relays drain in id order, so from the end the first entry is a live row
     * until the drain is nearly over (0.06 ms a call).
     */
    static final String WAITING = "SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id DESC LIMIT 1";

    RelayDrain(OwnStack stack, ProcessStats processes) {
        this.stack = stack;
        this.processes = processes;
    }

    RelayRun run(int nodes, int events, int bytes) throws Exception {
        // Every round starts from tables without the dead rows of the round before (its drain's moved rows, its event
        // log rows deleted below), as autovacuum leaves them given a minute, and as each round of the broker's limit
        // gets a fresh queue. Rounds 30 s apart met them or not as autovacuum happened to run: claims that step over
        // a drain's dead index entries took 9 to 28% longer (2026-12-03, the claim and move alone in PostgreSQL).
        stack.database().execute("VACUUM outbox, event_log");
        Map<String, Long> counted = PublishedByNode.now(stack);
        try (Connection c = stack.database().connect();
             PreparedStatement fill = c.prepareStatement("""
                     INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id,
                                         occurred_at, correlation_id, payload, destination)
                     SELECT gen_random_uuid(), 'bench.filled', 1, 'bench', 'bench-' || (n % ?), now(), 'bench',
                            jsonb_build_object('n', n, 'filler', repeat('x', ?)), ?
                       FROM generate_series(1, ?) AS n""")) {
            fill.setInt(1, BenchEvents.AGGREGATES);
            fill.setInt(2, bytes - 20); // {"n": 12345, "filler": "..."} is about 20 bytes more
            fill.setString(3, BenchEvents.QUEUE);
            fill.setInt(4, events);
            fill.executeUpdate();
        }
        // Statistics that know the backlog, as autovacuum's analyze gives them a minute after a fill like this. Those
        // of the outbox emptied by the drain before (analyzed as empty while the benchmark waits for rest) made the
        // relay's first claim run for minutes (2026-12-01: one claim over 100,000 waiting rows for 1:56 and 4:44 min
        // until stopped, at 100% of a core), so a drain measured that plan rather than the relay.
        stack.database().execute("ANALYZE outbox");
        double seconds;
        ProcessStats.Snapshot before;
        try (Connection c = stack.database().connect(); PreparedStatement waiting = c.prepareStatement(WAITING)) {
            before = processes.snapshot();
            long start = System.nanoTime();
            while (Database.anyRow(waiting)) {
                Load.sleep(50);
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }
        List<ProcessStats.Usage> usage = processes.since(before);
        Drain drain = new Drain("Waybill relay" + (nodes == 1 ? "" : ", " + nodes + " nodes")
                + " (batches of 100, one broker transaction each)", events, seconds,
                BenchEvents.inQueue(stack, events), usage);
        Arrivals arrivals = Arrivals.consume(stack);
        // Read last: a relay counts its batch just after the commit that the loop above saw.
        Map<String, Long> published = PublishedByNode.since(counted, PublishedByNode.now(stack));
        // The relay moved the published rows into the event log: the next fill starts from the same tables.
        stack.database().execute("DELETE FROM event_log WHERE destination = '" + BenchEvents.QUEUE + "'");
        return new RelayRun(nodes, drain, published, arrivals);
    }
}
