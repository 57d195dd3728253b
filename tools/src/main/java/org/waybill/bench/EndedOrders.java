package org.waybill.bench;

import org.waybill.load.Database;
import org.waybill.load.Load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Watches a run's accepted orders end (COMPLETED or CANCELLED) and hands a permit back for each, so the saturation run
 * can place the next one. Every 50 ms, on one connection, it asks about the orders still in the workflow only (at most
 * the run's clients, found by their idempotency keys through that unique index): the database it watches is the one
 * the workflow uses, and a count of all the run's ended orders cost more with every order the run placed.
 */
final class EndedOrders implements AutoCloseable {
    private static final String ENDED = "SELECT idempotency_key FROM orders WHERE customer_id = ? "
            + "AND idempotency_key = ANY (?) AND status IN ('COMPLETED', 'CANCELLED')";

    private final Set<String> inWorkflow = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile boolean watching = true;
    /** Why the watcher stopped early: without it the run would go on placing fewer orders, and report them. */
    private volatile SQLException failure;

    EndedOrders(Database database, String tag, Semaphore permits) {
        watcher = new Thread(() -> watch(database, tag, permits), "bench-ended-orders");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** An order the workflow accepted, by the idempotency key it was placed with. */
    void accepted(String idempotencyKey) {
        inWorkflow.add(idempotencyKey);
    }

    private void watch(Database database, String tag, Semaphore permits) {
        try (Connection c = database.connect(); PreparedStatement ended = c.prepareStatement(ENDED)) {
            ended.setString(1, tag);
            while (watching) {
                Load.sleep(50);
                if (inWorkflow.isEmpty()) {
                    continue;
                }
                Array keys = c.createArrayOf("varchar", inWorkflow.toArray());
                ended.setArray(2, keys);
                try (ResultSet rs = ended.executeQuery()) {
                    while (rs.next()) {
                        inWorkflow.remove(rs.getString(1));
                        permits.release();
                    }
                }
                keys.free();
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    /** Stops watching; throws if the watcher had stopped on a database error, so the run's figures are not used. */
    @Override
    public void close() {
        watching = false;
        try {
            watcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("watching the benchmark's orders", failure);
        }
    }
}
