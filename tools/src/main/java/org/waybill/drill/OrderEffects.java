package org.waybill.drill;

import org.waybill.load.Database;

/**
 * What must have happened at most once for a set of orders, and in which order each consumer took their events, read
 * from the database: the drills audit it, and so does TwoNodesIT for its own orders. The orders are those of the
 * customers whose id matches {@code customers}, a SQL LIKE pattern (e.g. {@code drill-%}).
 */
public record OrderEffects(Database db, String customers) {
    private static final String ORDERS = "aggregate_id IN (SELECT id::text FROM orders WHERE customer_id LIKE ?)";

    /** How many of the orders have more than one event of the type, e.g. two payment.charged. */
    public long twice(String eventType) {
        return db.number("SELECT count(*) FROM (SELECT aggregate_id FROM event_history WHERE event_type = ? AND " + ORDERS
                + " GROUP BY aggregate_id HAVING count(*) > 1) x", eventType, customers);
    }

    /** How many of the orders had money refunded more than once (the amount bare in v1, with its currency since v2). */
    public long doubleRefunds() {
        return db.number("SELECT count(*) FROM (SELECT aggregate_id FROM event_history "
                + "WHERE event_type = 'payment.refunded' "
                + "AND coalesce(payload->'amount'->>'value', payload->>'amount')::numeric > 0 AND " + ORDERS
                + " GROUP BY aggregate_id HAVING count(*) > 1) x", customers);
    }

    /**
     * How often a consumer took an event of one of the orders before an earlier one of the same order. Each
     * consumer's inbox rows of an order, by the time their transaction began (which comes after the earlier event's
     * commit, DeliveryOrder), must have rising outbox ids.
     */
    public long outOfOrder() {
        return db.number("SELECT count(*) FROM (SELECT e.id, lag(e.id) OVER (PARTITION BY i.consumer, "
                + "e.aggregate_id ORDER BY i.processed_at, e.id) AS earlier FROM inbox i "
                + "JOIN event_history e ON e.event_id = i.event_id WHERE e." + ORDERS + ") x WHERE x.earlier > x.id",
                customers);
    }
}
