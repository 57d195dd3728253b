package org.waybill.bench;

import org.waybill.load.ProcessStats;
import org.waybill.load.Load;
import org.waybill.load.OwnStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Waybill's relay alone: the outbox is filled with events for the benchmark queue in one transaction (as if many
 * orders had committed while the relay was away), then the relay in WildFly drains it. Timed from that commit until
 * the last row is marked published.
 */
final class RelayDrain {
    private final OwnStack stack;
    private final ProcessStats processes;

    RelayDrain(OwnStack stack, ProcessStats processes) {
        this.stack = stack;
        this.processes = processes;
    }

    Drain run(int events, int bytes) throws SQLException {
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
        ProcessStats.Snapshot before = processes.snapshot();
        long start = System.nanoTime();
        while (stack.database().number("SELECT count(*) FROM outbox WHERE published_at IS NULL") > 0) {
            Load.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ProcessStats.Usage> usage = processes.since(before);
        // Published rows would move to the event log later, in the middle of the next measurement.
        stack.database().execute("DELETE FROM outbox WHERE destination = '" + BenchEvents.QUEUE + "'");
        return new Drain("Waybill relay (batches of 100, one broker transaction each)", events, seconds,
                BenchEvents.inQueue(stack),
                usage);
    }
}
