package org.waybill.bench;

import org.waybill.load.Database;
import org.waybill.load.Load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;

/**
 * Watches a run's orders end (COMPLETED or CANCELLED) and hands a permit back for each, so the saturation run can
 * place the next one. One query every 50 ms on one connection, not one per order.
 */
final class EndedOrders implements AutoCloseable {
    private final Thread watcher;
    private volatile boolean watching = true;

    EndedOrders(Database database, String tag, Semaphore permits) {
        watcher = new Thread(() -> watch(database, tag, permits), "bench-ended-orders");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(Database database, String tag, Semaphore permits) {
        try (Connection c = database.connect();
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM orders WHERE customer_id = ? "
                     + "AND status IN ('COMPLETED', 'CANCELLED')")) {
            count.setString(1, tag);
            long ended = 0;
            while (watching) {
                Load.sleep(50);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    long now = rs.getLong(1);
                    permits.release((int) (now - ended));
                    ended = now;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("watching the benchmark's orders", e);
        }
    }

    @Override
    public void close() {
        watching = false;
        try {
            watcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
