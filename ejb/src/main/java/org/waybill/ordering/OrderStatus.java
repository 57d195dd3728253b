package org.waybill.ordering;

/** Where an order stands in the workflow. */
public enum OrderStatus {
    /** Accepted and stored; {@code order.created} is in the outbox. */
    PLACED,
    /** Inventory holds stock for every line. */
    STOCK_RESERVED,
    /** Inventory could not hold stock for every line; nothing is held. */
    REJECTED
}
