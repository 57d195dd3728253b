package org.waybill.it;

import java.util.UUID;

import static org.waybill.it.TestStack.db;

/** Outbox rows written by SQL, as another node's transaction would, and whether the relay published them. */
final class OutboxRows {
    private OutboxRows() {
    }

    /**
     * An {@code order.completed} event of a new order (an event no queue of Waybill's takes, so the broker routes it
     * nowhere), committed without a notification.
     *
     * @return its event id
     */
    static String appendEventOfAnotherNode() {
        String order = UUID.randomUUID().toString();
        return db().text("""
                INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at,
                                    correlation_id, payload, destination)
                VALUES (gen_random_uuid(), 'order.completed', 1, 'order', ?, now(), ?,
                        jsonb_build_object('orderId', ?::text), 'waybill.events')
                RETURNING event_id::text""", order, order, order);
    }

    /** What another node's OutboxNotifier sends after its commit. */
    static void notifyAsAnotherNode() {
        db().execute("SELECT pg_notify('waybill_outbox', 'another-node')");
    }

    static boolean published(String eventId) {
        return db().number("SELECT count(*) FROM event_history WHERE event_id = ?::uuid AND published_at IS NOT NULL",
                eventId) == 1;
    }
}
