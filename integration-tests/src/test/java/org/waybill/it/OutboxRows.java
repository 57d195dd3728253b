package org.waybill.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.waybill.it.TestStack.db;

/** Outbox rows written by SQL, as another node's transaction would, and whether the relay published them. */
final class OutboxRows {
    private OutboxRows() {
    }

    private static final String APPEND = """
            INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                correlation_id, payload, destination)
            VALUES (gen_random_uuid(), 'order.completed', 1, 'order', ?, now(), ?,
                    jsonb_build_object('orderId', ?::text), 'waybill.events')
            RETURNING event_id::text""";
    private static final String NOTIFY = "SELECT pg_notify('waybill_outbox', 'another-node')";

    /**
     * An {@code order.completed} event of a new order (an event no queue of Waybill's takes, so the broker routes it
     * nowhere), committed without a notification.
     *
     * @return its event id
     */
    static String appendEventOfAnotherNode() {
        String order = UUID.randomUUID().toString();
        return db().text(APPEND, order, order, order);
    }

    /** The same, committed on the connection given (with whatever settings the caller gave its session). */
    static String appendEventOfAnotherNode(Connection connection) throws SQLException {
        String order = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement(APPEND)) {
            for (int i = 1; i <= 3; i++) {
                insert.setString(i, order);
            }
            try (ResultSet eventId = insert.executeQuery()) {
                eventId.next();
                return eventId.getString(1);
            }
        }
    }

    /** What another node's OutboxNotifier sends after its commit. */
    static void notifyAsAnotherNode() {
        db().execute(NOTIFY);
    }

    static void notifyAsAnotherNode(Connection connection) throws SQLException {
        try (Statement notify = connection.createStatement()) {
            notify.execute(NOTIFY);
        }
    }

    static boolean published(String eventId) {
        return db().number("SELECT count(*) FROM event_history WHERE event_id = ?::uuid AND published_at IS NOT NULL",
                eventId) == 1;
    }
}
