package org.waybill.ordering;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands in the workflow. It ends COMPLETED or CANCELLED. */
public enum OrderStatus {
    /** Accepted and stored; {@code order.created} is in the outbox. */
    PLACED,
    /** Inventory holds stock for every line. */
    STOCK_RESERVED,
    /** The customer was charged. */
    PAID,
    /** A carrier will pick the parcel up. */
    SHIPMENT_SCHEDULED,
    /** The receipt went out; nothing more to do. */
    COMPLETED,
    /** Cancelled (by the customer, a declined payment, a failed shipment); waiting for the steps to undo their work. */
    CANCELLING,
    /** Cancelled, and every step has undone its work (stock released, payment refunded, shipment cancelled). */
    CANCELLED;

    /** A customer may cancel until the shipment is scheduled. */
    public static final Set<OrderStatus> CANCELLABLE = EnumSet.of(PLACED, STOCK_RESERVED, PAID);

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
