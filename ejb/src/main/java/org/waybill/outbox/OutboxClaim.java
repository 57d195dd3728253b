package org.waybill.outbox;

import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The relay's claim: which waiting rows a batch takes, locked in its transaction. Plain JDBC on the transaction's
 * connection: the rows are read by position into {@link OutboxEvent} values that no persistence context maps, tracks
 * or flushes, since the batch only sends them and then moves them into the event log.
 */
public final class OutboxClaim {
    /**
     * The claim query, each parameter the batch's size; public so the integration tests can prove it under
     * concurrency.
     * <p>
     * A relay takes an order's rows only while it holds the row lock on the order's first unpublished row, its head:
     * two relays never hold the same head, so no relay overtakes another's in-flight event of that order.
     * <ul>
     *   <li>{@code set_aside}: the orders that have a row set aside (the broker kept refusing it; its order's later
     *       rows wait with it, see V14__outbox_set_aside.sql), read once from their small index.</li>
     *   <li>{@code front}: the first unpublished rows in id order, read without locks, up to ten batches' worth, but
     *       none of a set-aside order. It is a prefix, so the first row of each of its orders there is that order's
     *       head.</li>
     *   <li>{@code owned}: the heads this relay could lock (SKIP LOCKED passes the heads other relays hold). Orders
     *       held elsewhere are skipped, not waited for: their later rows, however many, do not count against the
     *       batch, so a relay that hangs on its batch stalls its own orders only (until PostgreSQL ends its session,
     *       see the datasource settings), never the others, as long as the front reaches beyond them.</li>
     *   <li>{@code taken}: the front's rows of the owned orders, locked; a row of an owned order that is locked
     *       elsewhere (possible only for a row committed out of id order) cuts that order's rows after it.</li>
     * </ul>
     * Only {@code front} reads the backlog, along the unpublished-id index up to its limit; the other steps look rows
     * up by id in lists no longer than the front ({@code = ANY (ARRAY(...))}, computed once), which the planner cannot
     * turn into joins. So a batch costs the same however long the backlog, even while the statistics still say the
     * outbox is empty. (Asking each row for earlier rows of its order let the planner scan the whole backlog per batch:
     * half a second per batch at 5,000 waiting events. Joins there let statistics taken while the outbox was drained
     * plan, for a burst that came after, a read of the whole backlog or a scan repeated per backlog row: OutboxClaimIT.)
     */
    public static final String SQL = """
            WITH set_aside AS MATERIALIZED (
                SELECT DISTINCT aggregate_id FROM outbox WHERE set_aside_at IS NOT NULL),
            front AS MATERIALIZED (
                SELECT id, aggregate_id FROM outbox
                 WHERE published_at IS NULL
                   AND aggregate_id NOT IN (SELECT aggregate_id FROM set_aside)
                 ORDER BY id
                 LIMIT 10 * ?),
            owned AS MATERIALIZED (
                SELECT aggregate_id FROM outbox
                 WHERE id = ANY (ARRAY(SELECT min(id) FROM front GROUP BY aggregate_id))
                   AND published_at IS NULL
                 ORDER BY id
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED),
            taken AS MATERIALIZED (
                SELECT id, aggregate_id FROM outbox
                 WHERE id = ANY (ARRAY(SELECT f.id FROM front f JOIN owned o ON o.aggregate_id = f.aggregate_id))
                   AND published_at IS NULL
                 ORDER BY id
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED),
            cut AS (
                SELECT f.aggregate_id, min(f.id) AS first_id FROM front f JOIN owned o ON o.aggregate_id = f.aggregate_id
                 WHERE f.id NOT IN (SELECT id FROM taken)
                 GROUP BY f.aggregate_id)
            SELECT x.id, x.event_id, x.event_type, x.event_version, x.aggregate_type, x.aggregate_id, x.occurred_at,
                   x.correlation_id, x.causation_id, x.payload, x.destination, x.traceparent
              FROM outbox x
             WHERE x.id = ANY (ARRAY(
                   SELECT t.id FROM taken t
                    WHERE NOT EXISTS (
                          SELECT 1 FROM cut c
                           WHERE c.aggregate_id = t.aggregate_id
                             AND c.first_id < t.id)))
             ORDER BY x.id""";

    private static final int PARAMETERS = (int) SQL.chars().filter(c -> c == '?').count();

    private OutboxClaim() {
    }

    /** Claims up to {@code max} rows in the connection's transaction, in id order, as values. */
    public static List<OutboxEvent> rows(Connection connection, int max) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(SQL)) {
            for (int p = 1; p <= PARAMETERS; p++) {
                claim.setInt(p, max);
            }
            List<OutboxEvent> rows = new ArrayList<>(max);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /** A row of the claim, by the positions of its select list. */
    private static OutboxEvent row(ResultSet rs) throws SQLException {
        EventEnvelope event = new EventEnvelope(rs.getObject(2, UUID.class),
                new EventType(rs.getString(3), rs.getInt(4)), rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getObject(9, UUID.class),
                rs.getString(10));
        return new OutboxEvent(rs.getLong(1), rs.getString(11), event, rs.getString(12));
    }
}
