package org.waybill.it;

import org.waybill.inventory.Products;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Row locks a test holds in an open transaction of its own, as a stuck or prepared transaction would. */
final class HeldRows {
    private HeldRows() {
    }

    /**
     * Inventory's own lock on a product (what a prepared step that reserved stock holds), by the very statement
     * inventory runs. Its ?1 is JPA's; JDBC numbers by place.
     */
    static void product(Connection holder, String sku) throws SQLException {
        lock(holder, Products.LOCKED_IN_SKU_ORDER.replace("?1", "?"), holder.createArrayOf("text", new String[] {sku}));
    }

    /** The holder's server process, which pg_blocking_pids names for the sessions its locks block. */
    static int backendPid(Connection holder) throws SQLException {
        try (PreparedStatement s = holder.prepareStatement("SELECT pg_backend_pid()");
             var rows = s.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Runs a locking query in the holder's open transaction; its locks last until the holder ends it. */
    static void lock(Connection holder, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = holder.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeQuery().close();
        }
    }
}
